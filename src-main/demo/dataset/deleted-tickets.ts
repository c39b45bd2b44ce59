// Deleted tickets. Zendesk's incremental ticket export keeps them: "By default, deletions will
// appear in the ticket stream" (exclude_deleted=true leaves them out), and "scrubbed versions of
// deleted tickets still appear in the results of the Incremental Ticket Export API because the
// ticket records still exist" (Help Center, "Deleting tickets"). Everywhere else they are gone:
// show, comments and audits answer 404 RecordNotFound, search and counts leave them out.
//
// About 1% of the generated tickets were deleted (own random stream, so the rest of the dataset
// is unchanged), never a special ticket and never one of the "me" agent's open tickets. A
// deletion is a change of the ticket record: generated_timestamp moves to the deletion time, so
// the ticket appears in the export there; updated_at stays (no ticket event is written). The
// ticket's earlier events stay in the ticket_events stream.
import { DAY, MINUTE } from '../util/time';
import type { Rng } from '../random/prng';
import type { DemoTicket, TicketStatus } from './types';

/** Zendesk scrubs a deleted ticket's user-submitted content when it is deleted for good (after 30 days in "Deleted tickets"). */
export const SCRUB_AFTER_SEC = 30 * DAY;
/** What the demo puts in place of scrubbed text (an assumption: Zendesk's exact placeholder is not documented). */
export const SCRUBBED_TEXT = 'SCRUBBED';

/** A ticket as the export sends it: status "deleted" is not one of the documented statuses. */
export type ExportedTicket = Omit<DemoTicket, 'status'> & { status: TicketStatus | 'deleted' };

const UNSOLVED: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'hold']);

export interface DeletionInput {
  tickets: readonly DemoTicket[];
  anchorSec: number;
  meAgentId: number;
  /** Tickets that must stay (the special ones). */
  keep: ReadonlySet<number>;
}

/** Ticket id → deletion time (unix seconds), about 1% of the tickets. */
export function pickDeletedTickets(rng: Rng, input: DeletionInput): Map<number, number> {
  const { tickets, anchorSec } = input;
  const deleted = new Map<number, number>();
  const target = tickets.length >= 50 ? Math.max(1, Math.round(tickets.length * 0.01)) : 0;
  // Deleted a while ago (long enough that the export's one-minute lag never hides it at start).
  const latest = anchorSec - 2 * MINUTE;
  const eligible = (t: DemoTicket): boolean =>
    !input.keep.has(t.id) && !(t.assignee_id === input.meAgentId && UNSOLVED.has(t.status)) && t.generated_timestamp < anchorSec - DAY;
  for (let attempt = 0; deleted.size < target && attempt < target * 50; attempt++) {
    const ticket = tickets[rng.int(tickets.length)] as DemoTicket;
    if (deleted.has(ticket.id) || !eligible(ticket)) continue;
    deleted.set(ticket.id, ticket.generated_timestamp + 1 + Math.floor(rng.next() * (latest - ticket.generated_timestamp - 1)));
  }
  return deleted;
}

/**
 * The export record of a deleted ticket: status "deleted", generated_timestamp the deletion time;
 * deleted for more than 30 days, its subject and description are scrubbed.
 */
export function deletedTicketRecord(ticket: DemoTicket, deletedAt: number, nowSec: number): ExportedTicket {
  const record: ExportedTicket = { ...ticket, status: 'deleted', generated_timestamp: deletedAt };
  if (nowSec - deletedAt >= SCRUB_AFTER_SEC) {
    record.subject = SCRUBBED_TEXT;
    record.raw_subject = SCRUBBED_TEXT;
    record.description = SCRUBBED_TEXT;
  }
  return record;
}
