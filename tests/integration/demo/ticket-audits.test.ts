import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type DemoTicket, type TicketAudit } from '../../../src-main/demo';
import { getJson, sendJson, TEST_ANCHOR } from './demo-client';

interface CursorPage {
  audits: TicketAudit[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}
interface OffsetPage {
  audits: TicketAudit[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}

describe('GET /api/v2/tickets/{id}/audits and the teammate hook', () => {
  let server: DemoServer;
  let ticket: DemoTicket;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 8, cases: 200, anchorTime: TEST_ANCHOR });
    // An unsolved ticket with some history; the "me" agent's queue is left alone by teammates.
    ticket = server.dataset.tickets().find((t) => ['open', 'pending'].includes(t.status) && server.dataset.commentCountFor(t.id) >= 4) as DemoTicket;
  });
  afterAll(() => server.close());

  it('lists generated history, live changes and client writes oldest first, with metadata.custom', async () => {
    const history = (await getJson<OffsetPage>(server, `/api/v2/tickets/${ticket.id}/audits.json`)).body;
    expect(history.count).toBe(history.audits.length);
    expect(history.audits.length).toBeGreaterThanOrEqual(server.dataset.commentCountFor(ticket.id));
    expect(history.audits[0]?.events.some((e) => e.type === 'Create' && e.field_name === 'status')).toBe(true);
    for (const audit of history.audits) {
      expect(audit).toMatchObject({ ticket_id: ticket.id, metadata: { system: {}, custom: {} } });
      expect(Object.keys(audit).sort()).toEqual(['author_id', 'created_at', 'events', 'id', 'metadata', 'ticket_id', 'via']);
    }
    const times = history.audits.map((a) => Date.parse(a.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const commentIds = history.audits.flatMap((a) => a.events.filter((e) => e.type === 'Comment').map((e) => e.id));
    expect(commentIds).toEqual(server.dataset.commentsFor(ticket.id).map((c) => c.id));

    const teammate = server.live.teammateUpdate(ticket.id);
    const put = await sendJson<{ audit: TicketAudit }>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { comment: { body: 'On it.' }, metadata: { custom: { shiftdesk_action_id: 'act-42', device: 'laptop' } } },
    }, server.authHeader());
    expect(put.body.audit.metadata).toEqual({ system: { client: expect.any(String), ip_address: expect.any(String) }, custom: { shiftdesk_action_id: 'act-42', device: 'laptop' } });

    const all = (await getJson<OffsetPage>(server, `/api/v2/tickets/${ticket.id}/audits.json`)).body;
    expect(all.count).toBe(history.count + 2);
    const [teammateAudit, ours] = all.audits.slice(-2);
    expect(teammateAudit).toMatchObject({ id: teammate.auditId, author_id: teammate.authorId, via: { channel: 'web' }, metadata: { custom: {} } });
    expect(ours).toEqual(put.body.audit);
    // What a client does after a crash: look for its own action id.
    expect(all.audits.filter((a) => a.metadata.custom.shiftdesk_action_id === 'act-42').map((a) => a.id)).toEqual([put.body.audit.id]);
  });

  it('paginates with cursors (page[size], links.next / links.prev) and offsets (page, per_page)', async () => {
    const everything = (await getJson<OffsetPage>(server, `/api/v2/tickets/${ticket.id}/audits.json`)).body.audits;
    expect(everything.length).toBeGreaterThan(5);

    const walked: TicketAudit[] = [];
    const pages: CursorPage[] = [];
    let url: string | null = `/api/v2/tickets/${ticket.id}/audits.json?page[size]=2`;
    while (url) {
      const page: CursorPage = (await getJson<CursorPage>(server, url)).body;
      pages.push(page);
      walked.push(...page.audits);
      expect(page.meta.has_more).toBe(page.links.next !== null);
      url = page.links.next;
    }
    expect(walked).toEqual(everything);
    expect(pages.every((p) => p.audits.length <= 2)).toBe(true);
    const last = pages.at(-1) as CursorPage;
    expect(last.links.prev).not.toBeNull();
    const back = (await getJson<CursorPage>(server, last.links.prev as string)).body;
    expect(back.audits).toEqual(pages.at(-2)?.audits);

    const offset = (await getJson<OffsetPage>(server, `/api/v2/tickets/${ticket.id}/audits.json?per_page=3&page=2`)).body;
    expect(offset.audits).toEqual(everything.slice(3, 6));
    expect(offset.count).toBe(everything.length);
    expect(offset.previous_page).toContain('page=1');
    expect(offset.next_page === null).toBe(everything.length <= 6);

    expect((await getJson(server, `/api/v2/tickets/${ticket.id}/audits.json?page[size]=2&page[after]=bogus`)).status).toBe(400);
    expect((await getJson(server, '/api/v2/tickets/999999/audits.json')).status).toBe(404);
  });

  it('lets a teammate change a ticket now, programmatically and through the admin route', async () => {
    const target = server.dataset.tickets().find((t) => t.status === 'open' && t.id !== ticket.id && t.tags.length > 0) as DemoTicket;
    const cursorBefore = server.dataset.auditCount;
    const result = server.live.teammateUpdate(target.id, { status: 'pending', comment: 'Waiting for the courier.', additional_tags: ['escalated'] });
    expect(result.ticket).toEqual(server.dataset.ticket(target.id));
    expect(result.ticket).toMatchObject({ status: 'pending', tags: [...target.tags, 'escalated'] });
    expect(result.authorId).not.toBe(server.dataset.meAgent.id);
    expect(server.dataset.commentsFor(target.id).at(-1)).toMatchObject({ id: result.commentId, body: 'Waiting for the courier.', public: false, author_id: result.authorId });
    expect(server.dataset.auditCount).toBe(cursorBefore + 1);

    // Over HTTP (loopback only, no auth): same body shape, same result shape.
    const res = await fetch(`${server.url}/__demo/tickets/${target.id}/teammate-update`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'open', comment: { body: 'Courier confirmed.', public: true }, tags: ['courier'] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ticket: DemoTicket; auditId: number; authorId: number };
    expect(body.ticket).toMatchObject({ status: 'open', tags: ['courier'] });
    expect(Date.parse(body.ticket.updated_at)).toBeGreaterThan(Date.parse(result.ticket.updated_at));
    expect(server.dataset.commentsFor(target.id).at(-1)).toMatchObject({ body: 'Courier confirmed.', public: true });

    // An empty request still leaves an audit (an internal note), so the stamp always goes stale.
    const empty = await fetch(`${server.url}/__demo/tickets/${target.id}/teammate-update`, { method: 'POST' });
    expect(empty.status).toBe(200);
    expect(server.dataset.commentsFor(target.id).at(-1)?.public).toBe(false);

    const invalid = await fetch(`${server.url}/__demo/tickets/${target.id}/teammate-update`, { method: 'POST', body: JSON.stringify({ status: 'archived' }) });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: string }).error).toBe('RecordInvalid');
    expect((await fetch(`${server.url}/__demo/tickets/999999/teammate-update`, { method: 'POST' })).status).toBe(404);
    expect(() => server.live.teammateUpdate(999_999)).toThrow();
  });
});
