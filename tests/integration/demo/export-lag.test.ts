import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type DemoTicketEvent, type DemoUser } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

// Zendesk: "any items that were created or changed within the minute prior to your request are
// excluded". The demo's clock is injected, so the minute passes when the test says so.

interface TicketPage {
  tickets: (Omit<DemoTicket, 'status'> & { status: string })[];
  after_cursor: string;
  after_url: string;
  end_of_stream: boolean;
}
interface UserPage {
  users: DemoUser[];
  after_cursor: string;
  end_of_stream: boolean;
}
interface EventsPage {
  ticket_events: DemoTicketEvent[];
  next_page: string;
  end_time: number;
  end_of_stream: boolean;
}

/** Follows after_url to the end of the stream; returns what came and the cursor to poll with. */
async function pollTickets(server: DemoServer, cursor: string | null): Promise<{ tickets: TicketPage['tickets']; cursor: string }> {
  const tickets: TicketPage['tickets'] = [];
  let url = cursor === null ? '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=7' : `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}&per_page=7`;
  for (;;) {
    const page = (await getJson<TicketPage>(server, url)).body;
    tickets.push(...page.tickets);
    if (page.end_of_stream) return { tickets, cursor: page.after_cursor };
    url = page.after_url;
  }
}

async function pollUsers(server: DemoServer, cursor: string | null): Promise<{ users: DemoUser[]; cursor: string }> {
  const users: DemoUser[] = [];
  let url = cursor === null ? '/api/v2/incremental/users/cursor.json?start_time=0' : `/api/v2/incremental/users/cursor.json?cursor=${cursor}`;
  for (;;) {
    const page = (await getJson<UserPage & { after_url: string }>(server, url)).body;
    users.push(...page.users);
    if (page.end_of_stream) return { users, cursor: page.after_cursor };
    url = page.after_url;
  }
}

async function pollEvents(server: DemoServer, startTime: number): Promise<{ events: DemoTicketEvent[]; endTime: number }> {
  const events: DemoTicketEvent[] = [];
  let url = `/api/v2/incremental/ticket_events.json?start_time=${startTime}&per_page=5`;
  for (;;) {
    const page = (await getJson<EventsPage>(server, url)).body;
    events.push(...page.ticket_events);
    if (page.end_of_stream) return { events, endTime: page.end_time };
    url = page.next_page;
  }
}

describe('the one-minute export lag', () => {
  let server: DemoServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('serves the whole generated history at start, the anchor being a minute past it', async () => {
    const now = TEST_ANCHOR;
    server = await startDemoServer({ seed: 8, cases: 200, anchorTime: TEST_ANCHOR, clock: () => now });
    const { tickets } = await pollTickets(server, null);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(200);
    const { events } = await pollEvents(server, 0);
    expect(new Set(events.map((e) => e.id)).size).toBe(server.dataset.auditCount);
  });

  it('holds changes back for a minute and then delivers every one of them: none lost, none skipped', async () => {
    let now = TEST_ANCHOR + 10 * 60_000;
    server = await startDemoServer({ seed: 8, cases: 300, anchorTime: TEST_ANCHOR, clock: () => now });
    const demo = server;
    let tickets = await pollTickets(demo, null);
    let users = await pollUsers(demo, null);
    let events = await pollEvents(demo, 0);
    // Events at the boundary second repeat on the next poll (documented); dedupe by id.
    const before = new Set(events.events.map((e) => e.id));

    const seenTickets: TicketPage['tickets'] = [];
    const seenUsers: DemoUser[] = [];
    const seenEvents = new Map<number, DemoTicketEvent>();
    const poll = async (): Promise<void> => {
      const cutoff = Math.floor((now - 60_000) / 1000);
      tickets = await pollTickets(demo, tickets.cursor);
      users = await pollUsers(demo, users.cursor);
      const startTime = events.endTime;
      events = await pollEvents(demo, startTime);
      // Nothing younger than a minute, and everything at least a minute old that came after the last poll.
      for (const t of tickets.tickets) expect(t.generated_timestamp).toBeLessThanOrEqual(cutoff);
      for (const e of events.events) expect(e.timestamp).toBeLessThanOrEqual(cutoff);
      expect(events.endTime).toBeLessThanOrEqual(Math.max(startTime, cutoff));
      seenTickets.push(...tickets.tickets);
      seenUsers.push(...users.users);
      for (const e of events.events) if (!before.has(e.id)) seenEvents.set(e.id, e);
      const due = demo.dataset.tickets().filter((t) => t.generated_timestamp > TEST_ANCHOR / 1000 && t.generated_timestamp <= cutoff);
      for (const t of due) expect(seenTickets.some((s) => s.id === t.id && s.generated_timestamp === t.generated_timestamp), `ticket ${t.id}`).toBe(true);
    };

    // A burst of changes now; more 30 s later, some on the same tickets.
    const first = demo.live.step(40);
    await poll();
    expect(seenTickets).toEqual([]);
    expect(seenEvents.size).toBe(0);
    now += 30_000;
    const second = demo.live.step(40);
    await poll();
    expect(seenTickets).toEqual([]);
    // 59.999 s after the first burst: still nothing; at 60 s the first burst is there.
    now += 29_999;
    await poll();
    expect(seenTickets).toEqual([]);
    now += 1;
    await poll();
    // The first burst's changes stamped with that second are there (a ticket changed twice in a
    // burst gets the next second, so the demo clock may run a little ahead: those follow later).
    const firstAudits = new Set(first.map((c) => c.auditId));
    expect(seenEvents.size).toBeGreaterThan(0);
    for (const id of seenEvents.keys()) expect(firstAudits.has(id)).toBe(true);
    expect(seenTickets.length).toBeGreaterThan(0);
    now += 30_000;
    await poll();
    now += 5 * 60_000;
    await poll();

    // Every change arrived: each changed ticket's latest version, every audit, every new customer.
    const changed = new Set([...first, ...second].map((c) => c.ticketId));
    const latest = new Map(seenTickets.map((t) => [t.id, t]));
    expect(new Set(latest.keys())).toEqual(changed);
    for (const [id, t] of latest) {
      const current = demo.dataset.ticket(id);
      if (current) expect(t).toEqual(current);
      else expect(t.status).toBe('deleted');
    }
    const audits = [...first, ...second].filter((c) => c.auditId !== null).map((c) => c.auditId as number);
    expect([...seenEvents.keys()].sort()).toEqual(audits.sort());
    const newUsers = [...first, ...second].map((c) => c.newUserId).filter((id): id is number => id !== null);
    expect(newUsers.length).toBeGreaterThan(0);
    expect(seenUsers.map((u) => u.id).sort()).toEqual(newUsers.sort());
  });

  it('answers at once with exportLagMs: 0', async () => {
    const now = TEST_ANCHOR + 10 * 60_000;
    server = await startDemoServer({ seed: 8, cases: 100, anchorTime: TEST_ANCHOR, clock: () => now, exportLagMs: 0 });
    const { cursor } = await pollTickets(server, null);
    const changes = server.live.step(5);
    const { tickets } = await pollTickets(server, cursor);
    expect(new Set(tickets.map((t) => t.id))).toEqual(new Set(changes.map((c) => c.ticketId)));
  });
});
