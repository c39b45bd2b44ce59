import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type DemoUser } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface TicketPage {
  tickets: DemoTicket[];
  users?: DemoUser[];
  after_cursor: string;
  after_url: string;
  before_cursor: string | null;
  end_of_stream: boolean;
}

describe('incremental ticket export (cursor-based)', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 4, cases: 300, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('covers every ticket exactly once, ordered by generated_timestamp, with side-loaded users', async () => {
    const seen: DemoTicket[] = [];
    let url = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=37&include=users';
    let pages = 0;
    for (;;) {
      const res = await getJson<TicketPage>(server, url);
      expect(res.status).toBe(200);
      pages++;
      const page = res.body;
      const userIds = new Set((page.users ?? []).map((u) => u.id));
      for (const t of page.tickets) {
        expect(userIds.has(t.requester_id)).toBe(true);
        if (t.assignee_id !== null) expect(userIds.has(t.assignee_id)).toBe(true);
      }
      seen.push(...page.tickets);
      if (page.end_of_stream) break;
      expect(page.tickets.length).toBe(37);
      url = page.after_url;
    }
    expect(pages).toBe(Math.ceil(300 / 37));
    expect(seen.map((t) => t.id).sort((a, b) => a - b)).toEqual(server.dataset.tickets().map((t) => t.id));
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1] as DemoTicket;
      const b = seen[i] as DemoTicket;
      expect(a.generated_timestamp < b.generated_timestamp || (a.generated_timestamp === b.generated_timestamp && a.id < b.id)).toBe(true);
    }
    expect(seen.find((t) => t.id === 17)).toEqual(server.dataset.ticket(17));
  });

  it('starts at start_time and keeps the last cursor valid for polling', async () => {
    const tickets = server.dataset.tickets();
    const median = tickets.map((t) => t.generated_timestamp).sort((a, b) => a - b)[150] as number;
    const res = await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?start_time=${median}`);
    expect(res.body.end_of_stream).toBe(true);
    expect(res.body.tickets.length).toBe(tickets.filter((t) => t.generated_timestamp >= median).length);
    expect(res.body.before_cursor).not.toBeNull();
    const poll = await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${res.body.after_cursor}`);
    expect(poll.body.tickets).toEqual([]);
    expect(poll.body.end_of_stream).toBe(true);
    expect(poll.body.after_cursor).toBe(res.body.after_cursor);
  });

  it('rejects missing parameters and foreign cursors', async () => {
    expect((await getJson(server, '/api/v2/incremental/tickets/cursor.json')).status).toBe(400);
    expect((await getJson(server, '/api/v2/incremental/tickets/cursor.json?cursor=bm9wZQ')).status).toBe(400);
    const users = await getJson<{ after_cursor: string }>(server, '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1');
    expect((await getJson(server, `/api/v2/incremental/tickets/cursor.json?cursor=${users.body.after_cursor}`)).status).toBe(400);
  });
});
