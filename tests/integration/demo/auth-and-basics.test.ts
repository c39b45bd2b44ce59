import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthHeader, DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer, type DemoUser } from '../../../src-main/demo';
import { getJson, getText, TEST_ANCHOR } from './demo-client';

describe('demo server: auth, users, groups, organizations, CRM', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 1, cases: 300, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('answers 401 with Zendesk\'s body without valid credentials', async () => {
    const cases = [
      null,
      basicAuthHeader(DEMO_AGENT_EMAIL, 'wrong-token'),
      basicAuthHeader('nobody@nowhere.example', DEMO_TOKEN),
      basicAuthHeader(server.dataset.endUsers().find((u) => u.email)?.email ?? '', DEMO_TOKEN),
      `Basic ${Buffer.from(`${DEMO_AGENT_EMAIL}:${DEMO_TOKEN}`).toString('base64')}`,
    ];
    for (const auth of cases) {
      const res = await getJson(server, '/api/v2/users/me.json', auth);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "Couldn't authenticate you" });
    }
    expect(server.stats().unauthorized).toBe(cases.length);
  });

  it('returns the authenticated agent from users/me, with or without .json', async () => {
    for (const path of ['/api/v2/users/me.json', '/api/v2/users/me']) {
      const res = await getJson<{ user: DemoUser }>(server, path);
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(DEMO_AGENT_EMAIL);
      expect(res.body.user.id).toBe(server.dataset.meAgent.id);
      expect(res.body.user.role).toBe('agent');
    }
    const admin = server.dataset.agents().find((a) => a.role === 'admin') as DemoUser;
    const res = await getJson<{ user: DemoUser }>(server, '/api/v2/users/me.json', server.authHeader(admin.email ?? ''));
    expect(res.body.user.id).toBe(admin.id);
  });

  it('honours a custom token', async () => {
    const custom = await startDemoServer({ seed: 1, cases: 50, token: 'secret-T' });
    try {
      expect((await getJson(custom, '/api/v2/users/me.json', basicAuthHeader(DEMO_AGENT_EMAIL, DEMO_TOKEN))).status).toBe(401);
      expect((await getJson(custom, '/api/v2/users/me.json', basicAuthHeader(DEMO_AGENT_EMAIL, 'secret-T'))).status).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it('serves show_many in request order, skipping unknown ids, at most 100', async () => {
    const users = server.dataset.endUsers().slice(0, 3);
    const ids = [users[2]?.id, 999, users[0]?.id, users[1]?.id].join(',');
    const res = await getJson<{ users: DemoUser[] }>(server, `/api/v2/users/show_many.json?ids=${ids}`);
    expect(res.status).toBe(200);
    expect(res.body.users.map((u) => u.id)).toEqual([users[2]?.id, users[0]?.id, users[1]?.id]);
    expect(res.body.users[0]).toEqual(server.dataset.user(users[2]?.id ?? 0));
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await getJson(server, `/api/v2/users/show_many.json?ids=${tooMany}`)).status).toBe(400);
  });

  it('exports all users through the cursor export', async () => {
    const seen: number[] = [];
    let url = '/api/v2/incremental/users/cursor.json?start_time=0&per_page=100';
    for (;;) {
      const res = await getJson<{ users: DemoUser[]; after_url: string; end_of_stream: boolean }>(server, url);
      expect(res.status).toBe(200);
      seen.push(...res.body.users.map((u) => u.id));
      if (res.body.end_of_stream) break;
      url = res.body.after_url;
    }
    expect(seen.length).toBe(server.dataset.userCount);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists agents and admins with role filters and cursor pagination', async () => {
    const ids: number[] = [];
    let url: string | null = '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=4';
    while (url) {
      const res: { status: number; body: { users: DemoUser[]; meta: { has_more: boolean }; links: { next: string | null } } } = await getJson(server, url);
      expect(res.status).toBe(200);
      expect(res.body.users.every((u) => u.role !== 'end-user')).toBe(true);
      ids.push(...res.body.users.map((u) => u.id));
      url = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(ids).toEqual(server.dataset.agents().map((a) => a.id));
    const admins = await getJson<{ users: DemoUser[]; count: number }>(server, '/api/v2/users.json?role=admin');
    expect(admins.body.users.map((u) => u.role)).toEqual(['admin']);
    expect(admins.body.count).toBe(1);
    expect((await getJson(server, '/api/v2/users.json?role=boss')).status).toBe(400);
  });

  it('counts tickets', async () => {
    const res = await getJson<{ count: { value: number; refreshed_at: string } }>(server, '/api/v2/tickets/count.json');
    // Deleted tickets do not count.
    expect(server.dataset.deletedTicketIds().length).toBeGreaterThan(0);
    expect(res.body.count.value).toBe(server.dataset.ticketCount - server.dataset.deletedTicketIds().length);
    expect(res.body.count.value).toBe(server.dataset.tickets().length);
    expect(res.body.count.refreshed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('lists groups and organizations', async () => {
    const groups = await getJson<{ groups: { name: string }[]; count: number; next_page: null }>(server, '/api/v2/groups.json');
    expect(groups.body.count).toBe(7); // six groups and a deleted one
    expect(groups.body.next_page).toBeNull();
    expect(groups.body.groups.map((g) => g.name)).toContain('한국 지원');

    const ids: number[] = [];
    let url: string | null = '/api/v2/organizations.json?page[size]=1';
    while (url) {
      const res: { body: { organizations: { id: number }[]; meta: { has_more: boolean }; links: { next: string | null } } } = await getJson(server, url);
      ids.push(...res.body.organizations.map((o) => o.id));
      url = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(ids).toEqual(server.dataset.organizations().map((o) => o.id));
    const offset = await getJson<{ organizations: unknown[]; count: number }>(server, '/api/v2/organizations.json');
    expect(offset.body.count).toBe(ids.length);
  });

  it('serves CRM orders for a customer e-mail', async () => {
    const email = server.dataset.endUsers().find((u) => u.email)?.email ?? '';
    const res = await getJson<{ orders: { number: string; items: unknown[] }[] }>(server, `/crm/v1/orders.json?email=${encodeURIComponent(email)}`);
    expect(res.status).toBe(200);
    expect(res.body.orders).toEqual(server.dataset.ordersForEmail(email));
    expect(res.body.orders.length).toBeGreaterThan(0);
    expect((await getJson(server, '/crm/v1/orders.json?email=x', null)).status).toBe(401);
  });

  it('answers unknown endpoints and tickets like Zendesk', async () => {
    const unknown = await getJson(server, '/api/v2/triggers.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });
    const missing = await getJson(server, '/api/v2/tickets/999999/comments.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    const show = await getJson<{ ticket: { id: number } }>(server, '/api/v2/tickets/5.json');
    expect(show.body.ticket).toEqual(server.dataset.ticket(5));
  });

  it('serves placeholder attachment files without API auth', async () => {
    const comment = server.dataset
      .tickets()
      .flatMap((t) => server.dataset.commentsFor(t.id))
      .find((c) => c.attachments.length > 0);
    const url = new URL(comment?.attachments[0]?.content_url ?? '');
    const res = await getText(server, `${url.pathname}${url.search}`, null);
    expect(res.status).toBe(200);
  });
});
