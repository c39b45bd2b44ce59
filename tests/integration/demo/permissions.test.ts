import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, RESTRICTED_AGENT_EMAIL, startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getJson, sendJson, TEST_ANCHOR } from './demo-client';

const FORBIDDEN = { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' };

describe('a restricted agent', () => {
  let server: DemoServer;
  let auth: string;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 2, cases: 200, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk' });
    auth = server.authHeader(RESTRICTED_AGENT_EMAIL);
  });
  afterAll(() => server.close());

  it('signs in with the same token and is a restricted agent with a custom role', async () => {
    const me = await getJson<{ user: Record<string, unknown> }>(server, '/api/v2/users/me.json', auth);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: RESTRICTED_AGENT_EMAIL, role: 'agent', restricted_agent: true, role_type: 0, custom_role_id: expect.any(Number) });
    expect(server.dataset.restrictedAgent.id).toBe(me.body.user.id);
  });

  it('gets 403 Forbidden from the Admins-only endpoints and the lists beyond its organization', async () => {
    const forbidden = [
      '/api/v2/incremental/tickets/cursor.json?start_time=0',
      '/api/v2/incremental/users/cursor.json?start_time=0',
      '/api/v2/incremental/ticket_events.json?start_time=0',
      '/api/v2/incremental/ticket_metric_events.json?start_time=0',
      '/api/v2/incremental/organizations.json?start_time=0',
      '/api/v2/slas/policies.json',
      '/api/v2/slas/policies/50000001.json',
      '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100',
      '/api/v2/organizations.json?page[size]=100',
    ];
    for (const path of forbidden) {
      const res = await getJson(server, path, auth);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toEqual(FORBIDDEN);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(server.stats().forbidden).toBe(forbidden.length);
    // The 403s do not spend the export budget.
    expect(server.stats().rateLimitedByBucket).toEqual({});
  });

  it('uses what agents may: groups, macros, tickets, comments, audits, show_many, search export, users', async () => {
    const ticket = server.dataset.tickets().find((t) => t.status === 'open') as { id: number };
    const allowed = [
      '/api/v2/users/me.json',
      `/api/v2/users/show_many.json?ids=${server.dataset.meAgent.id}`,
      `/api/v2/users/${server.dataset.meAgent.id}.json`,
      '/api/v2/groups.json',
      '/api/v2/macros/active.json',
      `/api/v2/tickets/${ticket.id}.json`,
      `/api/v2/tickets/${ticket.id}/comments.json`,
      `/api/v2/tickets/${ticket.id}/audits.json`,
      `/api/v2/tickets/show_many.json?ids=${ticket.id}`,
      '/api/v2/tickets/count.json',
      '/api/v2/search/export.json?query=status%3Aopen&filter[type]=ticket',
    ];
    for (const path of allowed) expect((await getJson(server, path, auth)).status, path).toBe(200);
    const put = await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { comment: { body: 'Looking into it', public: false } } }, auth);
    expect(put.status).toBe(200);
  });

  it('leaves the "me" agent (an admin-created token) able to use everything', async () => {
    for (const path of ['/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1', '/api/v2/incremental/ticket_metric_events.json?start_time=0', '/api/v2/slas/policies.json', '/api/v2/users.json?role[]=agent', '/api/v2/organizations.json']) {
      expect((await getJson(server, path)).status, path).toBe(200);
    }
  });

  it('lets a test forbid or hide any route for the "me" agent alone, with a route fault', async () => {
    const id = server.faults.add({ route: 'users/list', userEmail: DEMO_AGENT_EMAIL, kind: 'status', status: 404, times: 'always' });
    for (let i = 0; i < 3; i++) {
      const res = await getJson(server, '/api/v2/users.json?role[]=agent&role[]=admin');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    }
    const other = server.dataset.agents().find((a) => a.role === 'admin')?.email as string;
    expect((await getJson(server, '/api/v2/users.json?role[]=agent', server.authHeader(other))).status).toBe(200);
    server.faults.remove(id);
    expect((await getJson(server, '/api/v2/users.json?role[]=agent')).status).toBe(200);

    // Over HTTP too, a 403 with Zendesk's Forbidden body.
    const res = await fetch(`${server.url}/__demo/faults`, { method: 'POST', body: JSON.stringify({ route: 'slas/policies', kind: 'status', status: 403, times: 'always' }) });
    expect(res.status).toBe(201);
    const sla = await getJson(server, '/api/v2/slas/policies.json');
    expect(sla.status).toBe(403);
    expect(sla.body).toEqual(FORBIDDEN);
    server.faults.clear();
  });
});
