import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type DemoUser } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

type ExportedTicket = Omit<DemoTicket, 'status'> & { status: DemoTicket['status'] | 'deleted' };

interface TicketPage {
  tickets: ExportedTicket[];
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

  it('covers every ticket exactly once, deleted ones included, ordered by generated_timestamp, with side-loaded users', async () => {
    const seen: ExportedTicket[] = [];
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
    expect(seen.map((t) => t.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const deleted = server.dataset.deletedTicketIds();
    expect(deleted.length).toBe(3);
    expect(seen.filter((t) => t.status === 'deleted').map((t) => t.id).sort((a, b) => a - b)).toEqual(deleted);
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1] as ExportedTicket;
      const b = seen[i] as ExportedTicket;
      expect(a.generated_timestamp < b.generated_timestamp || (a.generated_timestamp === b.generated_timestamp && a.id < b.id)).toBe(true);
    }
    expect(seen.find((t) => t.id === 17)).toEqual(server.dataset.ticket(17));
  });

  it('starts at start_time and keeps the last cursor valid for polling', async () => {
    const all = (await getJson<TicketPage>(server, '/api/v2/incremental/tickets/cursor.json?start_time=0')).body.tickets;
    const median = all.map((t) => t.generated_timestamp).sort((a, b) => a - b)[150] as number;
    const res = await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?start_time=${median}`);
    expect(res.body.end_of_stream).toBe(true);
    expect(res.body.tickets.length).toBe(all.filter((t) => t.generated_timestamp >= median).length);
    expect(res.body.before_cursor).not.toBeNull();
    const poll = await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${res.body.after_cursor}`);
    expect(poll.body.tickets).toEqual([]);
    expect(poll.body.end_of_stream).toBe(true);
    expect(poll.body.after_cursor).toBe(res.body.after_cursor);
  });

  it('keeps deleted tickets in the stream unless exclude_deleted=true; they are 404 everywhere else', async () => {
    const deleted = server.dataset.deletedTicketIds();
    const exported = new Map((await getJson<TicketPage>(server, '/api/v2/incremental/tickets/cursor.json?start_time=0')).body.tickets.map((t) => [t.id, t]));
    for (const id of deleted) {
      const record = exported.get(id) as ExportedTicket;
      // The other fields stay; generated_timestamp is the deletion time, updated_at does not move.
      expect(record).toMatchObject({ id, status: 'deleted', requester_id: expect.any(Number), created_at: expect.any(String), updated_at: expect.any(String) });
      expect(record.generated_timestamp).toBeGreaterThan(Date.parse(record.updated_at) / 1000);
      expect((await getJson(server, `/api/v2/tickets/${id}.json`)).body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
      expect((await getJson(server, `/api/v2/tickets/${id}/comments.json`)).status).toBe(404);
      expect((await getJson(server, `/api/v2/tickets/${id}/audits.json`)).status).toBe(404);
    }
    // Deleted more than 30 days before now, the subject and description are scrubbed.
    const scrubbed = deleted.map((id) => exported.get(id) as ExportedTicket).filter((t) => t.subject === 'SCRUBBED');
    for (const t of scrubbed) expect(t.description).toBe('SCRUBBED');
    const excluded = [];
    let url = '/api/v2/incremental/tickets/cursor.json?start_time=0&exclude_deleted=true&per_page=50';
    for (;;) {
      const page = (await getJson<TicketPage>(server, url)).body;
      excluded.push(...page.tickets);
      if (page.end_of_stream) break;
      expect(page.after_url).toContain('exclude_deleted=true');
      url = page.after_url;
    }
    expect(excluded.map((t) => t.id).sort((a, b) => a - b)).toEqual(server.dataset.tickets().map((t) => t.id));
  });

  it('rejects missing parameters and foreign cursors', async () => {
    expect((await getJson(server, '/api/v2/incremental/tickets/cursor.json')).status).toBe(400);
    expect((await getJson(server, '/api/v2/incremental/tickets/cursor.json?cursor=bm9wZQ')).status).toBe(400);
    const users = await getJson<{ after_cursor: string }>(server, '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1');
    expect((await getJson(server, `/api/v2/incremental/tickets/cursor.json?cursor=${users.body.after_cursor}`)).status).toBe(400);
  });
});
