import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getJson, getText, sendJson, TEST_ANCHOR } from './demo-client';

// The demo's clock is injected: windows turn over when the test says so, never by waiting.
describe('rate limits over HTTP', () => {
  let server: DemoServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('shares one incremental-exports bucket of 10 a minute; its 429s never touch other requests', async () => {
    let now = TEST_ANCHOR + 5 * 60_000 + 15_000; // 15 s into a window
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', clock: () => now });
    const exports = [
      '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1',
      '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1',
      '/api/v2/incremental/ticket_events.json?start_time=0&per_page=1',
    ];
    for (let i = 0; i < 10; i++) {
      const res = await getText(server, exports[i % 3] as string);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBe('700');
      expect(res.headers.get('zendesk-ratelimit-incremental-exports')).toBe(`total=10; remaining=${9 - i}; resets=45`);
      expect(res.headers.get('zendesk-ratelimit-incremental-tickets')).toBeNull();
    }
    // The eleventh export, whichever endpoint, is refused.
    for (const path of exports) {
      const limited = await getText(server, path);
      expect(limited.status).toBe(429);
      expect(limited.text).toBe('Number of allowed API requests per minute exceeded');
      expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(limited.headers.get('retry-after')).toBe('45');
      expect(limited.headers.get('zendesk-ratelimit-incremental-exports')).toBe('total=10; remaining=0; resets=45');
    }
    // General requests and the search export still pass.
    expect((await getText(server, '/api/v2/users/me.json')).status).toBe(200);
    expect((await getText(server, '/api/v2/tickets/1.json')).status).toBe(200);
    expect((await getText(server, '/api/v2/search/export.json?query=status%3Aopen&filter[type]=ticket')).status).toBe(200);
    now += 45_000;
    expect((await getText(server, exports[0] as string)).status).toBe(200);
    const stats = server.stats();
    expect(stats.rateLimited).toBe(3);
    expect(stats.rateLimitedByBucket).toEqual({ 'incremental-exports': 3 });
    expect(stats.rateLimitedByRoute['incremental/tickets/cursor']).toBe(1);
    expect(stats.byRoute['incremental/tickets/cursor']).toBe(6);
    // The admin stats route shows the same counters.
    const admin = await getJson<{ rateLimitedByBucket: Record<string, number> }>(server, '/__demo/stats', null);
    expect(admin.body.rateLimitedByBucket).toEqual({ 'incremental-exports': 3 });
  });

  it('emulates a Team plan with rateLimitAccount: the account refuses, with the standard headers', async () => {
    const now = TEST_ANCHOR + 60 * 60_000;
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', rateLimitAccount: 200, clock: () => now });
    for (let i = 0; i < 200; i++) expect((await getText(server, '/api/v2/users/me.json')).status).toBe(200);
    const limited = await getText(server, '/api/v2/groups.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit')).toBe('200');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-limit')).toBe('200');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe('60');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(server.stats().rateLimitedByBucket).toEqual({ account: 1 });
  });

  it('limits ticket updates to 30 per agent and ticket and 100 per account in zendesk mode', async () => {
    // The per-ticket window is ten windows long and aligned with them.
    const now = TEST_ANCHOR + 20 * 60_000;
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', clock: () => now });
    const open = server.dataset.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(open.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e] = open.map((t) => t.id) as [number, number, number, number, number];
    const update = (id: number, i: number, auth?: string): ReturnType<typeof sendJson> =>
      sendJson(server as DemoServer, 'PUT', `/api/v2/tickets/${id}.json`, { ticket: { comment: { body: `update ${i}`, public: false } } }, auth);

    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => update(a, i)));
    expect(first.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(first[0]?.headers.get('zendesk-ratelimit-tickets-update')).toMatch(/^total=\d+; remaining=\d+; resets=\d+$/);
    const perTicket = await update(a, 30);
    expect(perTicket.status).toBe(429);
    expect(perTicket.body).toBe('Number of allowed API requests per minute exceeded');
    expect(perTicket.headers.get('zendesk-ratelimit-tickets-update')).toBe('total=30; remaining=0; resets=600');
    expect(perTicket.headers.get('retry-after')).toBe('600');
    // Another agent on the same ticket has a budget of its own.
    const teammate = server.dataset.agents().find((x) => x.id !== server?.dataset.meAgent.id)?.email ?? '';
    expect((await update(a, 31, server.authHeader(teammate))).status).toBe(200);

    const rest = await Promise.all([b, c, d].flatMap((id) => Array.from({ length: 23 }, (_, i) => update(id, i))));
    expect(rest.filter((r) => r.status === 200)).toHaveLength(69);
    const account = await update(e, 0);
    expect(account.status).toBe(429);
    expect(account.headers.get('zendesk-ratelimit-tickets-update')).toBe('total=100; remaining=0; resets=60');
    // Reads still have account budget left (700 a minute).
    expect((await getText(server, `/api/v2/tickets/${e}.json`)).status).toBe(200);
    const stats = server.stats();
    expect(stats.updatesApplied).toBe(100);
    expect(stats.rateLimitedByRoute['tickets/update']).toBe(2);
    expect(stats.rateLimitedByBucket).toEqual({ 'tickets-update-per-agent-ticket': 1, 'tickets-update': 1 });
  });

  it('announces limits too large to matter and never limits when off', async () => {
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'off' });
    for (let i = 0; i < 15; i++) {
      const res = await getText(server, '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1');
      expect(res.status).toBe(200);
      // A client that hears no limit must assume Zendesk's own; "off" says there is none to speak of.
      expect(res.headers.get('x-rate-limit')).toBe('1000000');
      expect(res.headers.get('zendesk-ratelimit-incremental-exports')).toBe('total=1000000; remaining=1000000; resets=60');
    }
    expect(server.stats().rateLimitedByBucket).toEqual({});
  });
});
