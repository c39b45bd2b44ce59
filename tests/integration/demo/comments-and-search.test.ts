import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoComment, type DemoServer, type DemoTicket } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface CommentsPage {
  comments: DemoComment[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}

interface SearchPage {
  results: (DemoTicket & { result_type: string })[];
  facets: null;
  meta: { has_more: boolean; after_cursor: string | null };
  links: { next: string | null; prev: null };
}

describe('ticket comments and search export', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 8, cases: 300, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('pages through a long thread oldest first', async () => {
    const ticket = server.dataset.tickets().reduce((a, b) => (server.dataset.commentCountFor(b.id) > server.dataset.commentCountFor(a.id) ? b : a));
    const expected = server.dataset.commentsFor(ticket.id);
    expect(expected.length).toBeGreaterThan(7);
    const seen: DemoComment[] = [];
    let url: string | null = `/api/v2/tickets/${ticket.id}/comments.json?page[size]=3`;
    while (url) {
      const res: { status: number; body: CommentsPage } = await getJson<CommentsPage>(server, url);
      expect(res.status).toBe(200);
      expect(res.body.comments.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.comments);
      url = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(seen).toEqual(expected);
    const first = seen[0] as DemoComment;
    expect(Object.keys(first).sort()).toEqual(['attachments', 'audit_id', 'author_id', 'body', 'created_at', 'html_body', 'id', 'metadata', 'plain_body', 'public', 'type', 'via'].sort());
  });

  it('caps page[size] at 100 and can sort newest first', async () => {
    const ticketId = server.dataset.hostileTicketId;
    const res = await getJson<CommentsPage>(server, `/api/v2/tickets/${ticketId}/comments.json?page[size]=500&sort=-created_at`);
    expect(res.body.comments.map((c) => c.id)).toEqual(server.dataset.commentsFor(ticketId).map((c) => c.id).reverse());
    expect(res.body.meta.has_more).toBe(false);
    expect((await getJson(server, `/api/v2/tickets/${ticketId}/comments.json?page[after]=garbage`)).status).toBe(400);
  });

  it('exports the agent\'s unsolved tickets for "assignee:me status<solved"', async () => {
    const me = server.dataset.meAgent.id;
    const expected = server.dataset
      .tickets()
      .filter((t) => t.assignee_id === me && ['new', 'open', 'pending', 'hold'].includes(t.status))
      .map((t) => t.id);
    expect(expected.length).toBeGreaterThan(3);
    const query = encodeURIComponent('assignee:me status<solved');
    const ids: number[] = [];
    let url: string | null = `/api/v2/search/export.json?query=${query}&filter[type]=ticket&page[size]=2`;
    while (url) {
      const res: { status: number; body: SearchPage } = await getJson<SearchPage>(server, url);
      expect(res.status).toBe(200);
      expect(res.body.facets).toBeNull();
      for (const r of res.body.results) expect(r.result_type).toBe('ticket');
      ids.push(...res.body.results.map((r) => r.id));
      url = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(ids).toEqual(expected);
  });

  it('supports group, assignee:none and status filters, and validates input', async () => {
    const group = server.dataset.groups()[1];
    const q = encodeURIComponent(`type:ticket group:${group?.id} assignee:none status:new`);
    const res = await getJson<SearchPage>(server, `/api/v2/search/export.json?query=${q}&filter[type]=ticket&page[size]=1000`);
    const expected = server.dataset.tickets().filter((t) => t.group_id === group?.id && t.assignee_id === null && t.status === 'new');
    expect(res.body.results.map((r) => r.id)).toEqual(expected.map((t) => t.id));
    expect((await getJson(server, '/api/v2/search/export.json?query=status:open')).status).toBe(400);
    expect((await getJson(server, '/api/v2/search/export.json?query=status:open&filter[type]=user')).status).toBe(400);
    expect((await getJson(server, '/api/v2/search/export.json?query=frobnicate:1&filter[type]=ticket')).status).toBe(400);
  });
});
