import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type DemoTicketEvent } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface TicketPage {
  tickets: DemoTicket[];
  after_cursor: string;
  after_url: string;
  end_of_stream: boolean;
}
interface EventsPage {
  ticket_events: DemoTicketEvent[];
  next_page: string;
  end_time: number;
  end_of_stream: boolean;
}

async function drainTickets(server: DemoServer, firstUrl: string): Promise<{ tickets: DemoTicket[]; cursor: string }> {
  const tickets: DemoTicket[] = [];
  let url = firstUrl;
  for (;;) {
    const res = await getJson<TicketPage>(server, url);
    tickets.push(...res.body.tickets);
    if (res.body.end_of_stream) return { tickets, cursor: res.body.after_cursor };
    url = res.body.after_url;
  }
}

async function drainEvents(server: DemoServer, startTime: number): Promise<{ events: DemoTicketEvent[]; endTime: number }> {
  const events: DemoTicketEvent[] = [];
  let url = `/api/v2/incremental/ticket_events.json?start_time=${startTime}&include=comment_events`;
  for (;;) {
    const res = await getJson<EventsPage>(server, url);
    events.push(...res.body.ticket_events);
    if (res.body.end_of_stream) return { events, endTime: res.body.end_time };
    url = res.body.next_page;
  }
}

describe('live mode', () => {
  let server: DemoServer;
  beforeAll(async () => {
    // Live changes are expected in the exports at once here (export-lag.test.ts covers the lag).
    server = await startDemoServer({ seed: 3, cases: 300, anchorTime: TEST_ANCHOR, exportLagMs: 0 });
  });
  afterAll(() => server.close());

  it('is stopped unless asked for, and can be started and stopped', () => {
    expect(server.live.running).toBe(false);
    server.live.start();
    expect(server.live.running).toBe(true);
    server.live.stop();
    expect(server.live.running).toBe(false);
  });

  it('shows new tickets and comments after the previous cursor and end_time', async () => {
    const initial = await drainTickets(server, '/api/v2/incremental/tickets/cursor.json?start_time=0');
    expect(initial.tickets).toHaveLength(300);
    const initialEvents = await drainEvents(server, 0);

    const changes = server.live.step(25);
    const changedIds = new Set(changes.map((c) => c.ticketId));
    const newTickets = changes.filter((c) => c.kind === 'new-ticket');
    const newComments = changes.filter((c) => c.commentId !== null);
    expect(newTickets.length).toBeGreaterThan(0);
    expect(newComments.length).toBeGreaterThan(newTickets.length);

    const after = await drainTickets(server, `/api/v2/incremental/tickets/cursor.json?cursor=${initial.cursor}`);
    expect(new Set(after.tickets.map((t) => t.id))).toEqual(changedIds);
    expect(after.tickets).toHaveLength(changedIds.size);
    for (const t of after.tickets) expect(t).toEqual(server.dataset.ticket(t.id));
    for (const c of newTickets) expect(c.ticketId).toBeGreaterThan(300);

    const later = await drainEvents(server, initialEvents.endTime);
    const laterAuditIds = new Set(later.events.map((e) => e.id));
    for (const c of changes) if (c.auditId !== null) expect(laterAuditIds.has(c.auditId)).toBe(true);
    const streamedComments = new Map(later.events.flatMap((e) => e.child_events.filter((x) => x.event_type === 'Comment').map((x) => [x.id, x] as const)));
    for (const c of newComments) {
      const streamed = streamedComments.get(c.commentId as number);
      const stored = server.dataset.commentsFor(c.ticketId).find((x) => x.id === c.commentId);
      expect(streamed?.body).toBe(stored?.body);
    }

    // The comments endpoint shows them too, and the counts add up.
    const newTicketId = newTickets[0]?.ticketId as number;
    const thread = await getJson<{ comments: { id: number }[] }>(server, `/api/v2/tickets/${newTicketId}/comments.json?page[size]=100`);
    expect(thread.body.comments.map((c) => c.id)).toEqual(server.dataset.commentsFor(newTicketId).map((c) => c.id));
    expect(server.dataset.ticketCount).toBe(300 + newTickets.length);
  });

  it('exposes live changes through the admin route', async () => {
    const res = await fetch(`${server.url}/__demo/live/step?n=3`, { method: 'POST' });
    const body = (await res.json()) as { changes: unknown[] };
    expect(body.changes).toHaveLength(3);
    const summary = (await (await fetch(`${server.url}/__demo/dataset`)).json()) as { ticketCount: number };
    expect(summary.ticketCount).toBe(server.dataset.ticketCount);
  });

  it('forces changes of one kind through the admin route', async () => {
    const before = server.dataset.ticketCount;
    const res = await fetch(`${server.url}/__demo/live/step?n=2&kind=new-ticket`, { method: 'POST' });
    const body = (await res.json()) as { changes: { kind: string; ticketId: number }[] };
    expect(body.changes.map((c) => c.kind)).toEqual(['new-ticket', 'new-ticket']);
    expect(body.changes.map((c) => c.ticketId)).toEqual([before + 1, before + 2]);
    expect(server.dataset.ticketCount).toBe(before + 2);
    const refused = await fetch(`${server.url}/__demo/live/step?kind=teleport`, { method: 'POST' });
    expect(refused.status).toBe(400);
  });

  it('runs on a timer when started with an interval', async () => {
    const timed = await startDemoServer({ seed: 3, cases: 100, anchorTime: TEST_ANCHOR, live: { intervalMs: 20 } });
    try {
      const before = timed.dataset.auditCount;
      await new Promise((r) => setTimeout(r, 300));
      expect(timed.dataset.auditCount).toBeGreaterThan(before);
    } finally {
      await timed.close();
    }
  });
});
