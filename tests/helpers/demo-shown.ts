import type { UnreadableRecord } from '../../src-main/demo/index';

/**
 * How many tickets an agent should see from a running demo helpdesk (asked over its loopback admin
 * route): all of them but the deleted ones and the record it makes unreadable on purpose.
 */
export async function shownTicketCount(demoUrl: string): Promise<number> {
  const response = await fetch(new URL('/__demo/dataset', demoUrl));
  const dataset = (await response.json()) as { ticketCount: number; deletedTicketIds: number[]; unreadableRecords: UnreadableRecord[] };
  const deleted = new Set(dataset.deletedTicketIds);
  const unreadable = dataset.unreadableRecords.filter((r) => r.kind === 'ticket' && !deleted.has(r.id)).length;
  return dataset.ticketCount - deleted.size - unreadable;
}
