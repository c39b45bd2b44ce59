import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type DemoTicketEvent } from '../../../src-main/demo';
import { getJson, sendJson, TEST_ANCHOR } from './demo-client';

type ExportedTicket = Omit<DemoTicket, 'status'> & { status: string };
interface TicketPage {
  tickets: ExportedTicket[];
  after_cursor: string;
  end_of_stream: boolean;
}

const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };

/** Every audit id of a ticket in the whole ticket_events stream. */
async function eventIdsOf(server: DemoServer, ticketId: number): Promise<number[]> {
  const ids = new Set<number>();
  let url = '/api/v2/incremental/ticket_events.json?start_time=0';
  for (;;) {
    const page = (await getJson<{ ticket_events: DemoTicketEvent[]; next_page: string; end_of_stream: boolean }>(server, url)).body;
    for (const e of page.ticket_events) if (e.ticket_id === ticketId) ids.add(e.id);
    if (page.end_of_stream) return [...ids];
    url = page.next_page;
  }
}

describe('deleted tickets', () => {
  let server: DemoServer;
  let now = TEST_ANCHOR + 10 * 60_000;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 12, cases: 400, anchorTime: TEST_ANCHOR, clock: () => now });
  });
  afterAll(() => server.close());

  it('a ticket deleted now leaves everything but the ticket export and its past events', async () => {
    const ticket = server.dataset.tickets().find((t) => t.status === 'open' && t.assignee_id !== server.dataset.meAgent.id) as DemoTicket;
    const cursor = (await getJson<TicketPage>(server, '/api/v2/incremental/tickets/cursor.json?start_time=0')).body.after_cursor;
    const ownEvents = await eventIdsOf(server, ticket.id);
    expect(ownEvents.length).toBeGreaterThan(0);
    const countBefore = (await getJson<{ count: { value: number } }>(server, '/api/v2/tickets/count.json')).body.count.value;

    now += 5_000;
    const res = await fetch(`${server.url}/__demo/tickets/${ticket.id}/delete`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { deletedAt } = (await res.json()) as { deletedAt: number };
    expect(deletedAt).toBe(Math.floor(now / 1000));

    // The export shows it once more, at the deletion, with status "deleted" (not yet scrubbed),
    // once the deletion is older than the export's one-minute lag.
    expect((await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`)).body.tickets).toEqual([]);
    now += 60_000;
    const after = (await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`)).body;
    expect(after.tickets).toEqual([{ ...ticket, status: 'deleted', generated_timestamp: deletedAt }]);
    expect((await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}&exclude_deleted=true`)).body.tickets).toEqual([]);

    expect((await getJson(server, `/api/v2/tickets/${ticket.id}.json`)).body).toEqual(NOT_FOUND);
    expect((await getJson(server, `/api/v2/tickets/${ticket.id}/comments.json`)).body).toEqual(NOT_FOUND);
    expect((await getJson(server, `/api/v2/tickets/${ticket.id}/audits.json`)).body).toEqual(NOT_FOUND);
    const put = await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { status: 'solved' } });
    expect(put.status).toBe(404);
    expect(put.body).toEqual(NOT_FOUND);
    expect((await getJson<{ count: { value: number } }>(server, '/api/v2/tickets/count.json')).body.count.value).toBe(countBefore - 1);
    const search = await getJson<{ results: { id: number }[] }>(server, '/api/v2/search/export.json?query=status%3Aopen&filter[type]=ticket&page[size]=1000');
    expect(search.body.results.map((r) => r.id)).not.toContain(ticket.id);
    const many = await getJson<{ tickets: { id: number }[] }>(server, `/api/v2/tickets/show_many.json?ids=${ticket.id},1`);
    expect(many.body.tickets.map((t) => t.id)).toEqual([1]);

    // Its earlier events stay in the ticket_events stream; the deletion writes none.
    expect(await eventIdsOf(server, ticket.id)).toEqual(ownEvents);
    expect(server.dataset.deletedTicketIds()).toContain(ticket.id);
    expect(server.dataset.ticket(ticket.id)).toBeUndefined();

    // Deleting it again, or an unknown ticket: 404.
    expect((await fetch(`${server.url}/__demo/tickets/${ticket.id}/delete`, { method: 'POST' })).status).toBe(404);
    expect(() => server.live.deleteTicket(999_999)).toThrow();
  });

  it('scrubs subject and description of tickets deleted more than 30 days ago', async () => {
    const exported = (await getJson<TicketPage>(server, '/api/v2/incremental/tickets/cursor.json?start_time=0')).body.tickets;
    const deleted = exported.filter((t) => t.status === 'deleted');
    expect(deleted.length).toBeGreaterThanOrEqual(4);
    const nowSec = Math.floor(now / 1000);
    for (const t of deleted) {
      const old = nowSec - t.generated_timestamp >= 30 * 86_400;
      expect(t.subject === 'SCRUBBED', `ticket ${t.id}`).toBe(old);
      expect(t.description === 'SCRUBBED').toBe(old);
      expect(t.raw_subject === 'SCRUBBED').toBe(old);
    }
    expect(deleted.some((t) => t.subject === 'SCRUBBED')).toBe(true);
    // Never a special ticket, never one of the "me" agent's open tickets.
    const ids = new Set(server.dataset.deletedTicketIds());
    expect(ids.has(server.dataset.hostileTicketId)).toBe(false);
    expect(ids.has(server.dataset.sampleKoreanTicketId)).toBe(false);
  });
});

describe('show_many tickets', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 3, cases: 150, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('returns the known tickets of up to 100 ids in request order, leaving out unknown and deleted ones', async () => {
    const deleted = server.dataset.deletedTicketIds()[0] as number;
    expect(deleted).toBeDefined();
    const res = await getJson<{ tickets: DemoTicket[] }>(server, `/api/v2/tickets/show_many.json?ids=7,${deleted},3,999999,7`);
    expect(res.status).toBe(200);
    expect(res.body.tickets.map((t) => t.id)).toEqual([7, 3, 7]);
    expect(res.body.tickets[0]).toEqual(server.dataset.ticket(7));
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1).join(',');
    expect((await getJson(server, `/api/v2/tickets/show_many?ids=${hundred}`)).status).toBe(200);
    expect((await getJson(server, `/api/v2/tickets/show_many?ids=${hundred},101`)).status).toBe(400);
    expect((await getJson(server, '/api/v2/tickets/show_many')).status).toBe(400);
    expect((await getJson(server, '/api/v2/tickets/show_many?ids=1,x')).status).toBe(400);
  });
});
