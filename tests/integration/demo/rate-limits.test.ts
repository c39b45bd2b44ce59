import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getText, sendJson, TEST_ANCHOR } from './demo-client';

describe('rate limits over HTTP', () => {
  let server: DemoServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('answers 429 with Retry-After after 10 incremental exports a window in zendesk mode', async () => {
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', rateLimitWindowMs: 1500 });
    // Start right after a window boundary so all requests land in one window.
    await new Promise((r) => setTimeout(r, 1500 - (Date.now() % 1500) + 20));
    const path = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1';
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await getText(server, path);
      statuses.push(res.status);
      expect(res.headers.get('x-rate-limit')).toBe('700');
      expect(res.headers.get('zendesk-ratelimit-incremental-tickets')).toMatch(/^total=10; remaining=\d+; resets=\d+$/);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await getText(server, path);
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('Number of allowed API requests per minute exceeded');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-rate-limit-remaining')).not.toBeNull();
    // Other endpoints still work; the export works again in the next window.
    expect((await getText(server, '/api/v2/users/me.json')).status).toBe(200);
    expect((await getText(server, '/api/v2/incremental/ticket_events.json?start_time=0&per_page=1')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await getText(server, path)).status).toBe(200);
    const stats = server.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.rateLimitedByRoute['incremental/tickets/cursor']).toBe(1);
    expect(stats.byRoute['incremental/tickets/cursor']).toBe(12);
  });

  it('limits ticket updates to 30 per agent and ticket and 100 per account in zendesk mode', async () => {
    // The per-ticket window is ten windows long and aligned with them, so everything sent
    // within one 3 s window also shares one per-ticket window.
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', rateLimitWindowMs: 3000 });
    const open = server.dataset.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    expect(open.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e] = open.map((t) => t.id) as [number, number, number, number, number];
    await new Promise((r) => setTimeout(r, 3000 - (Date.now() % 3000) + 20));
    const update = (id: number, i: number, auth?: string): ReturnType<typeof sendJson> =>
      sendJson(server as DemoServer, 'PUT', `/api/v2/tickets/${id}.json`, { ticket: { comment: { body: `update ${i}`, public: false } } }, auth);

    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => update(a, i)));
    expect(first.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(first[0]?.headers.get('zendesk-ratelimit-tickets-update')).toMatch(/^total=\d+; remaining=\d+; resets=\d+$/);
    const perTicket = await update(a, 30);
    expect(perTicket.status).toBe(429);
    expect(perTicket.body).toBe('Number of allowed API requests per minute exceeded');
    expect(perTicket.headers.get('zendesk-ratelimit-tickets-update')).toMatch(/^total=30; remaining=0; resets=\d+$/);
    expect(Number(perTicket.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another agent on the same ticket has a budget of its own.
    const teammate = server.dataset.agents().find((x) => x.id !== server?.dataset.meAgent.id)?.email ?? '';
    expect((await update(a, 31, server.authHeader(teammate))).status).toBe(200);

    const rest = await Promise.all([b, c, d].flatMap((id) => Array.from({ length: 23 }, (_, i) => update(id, i))));
    expect(rest.filter((r) => r.status === 200)).toHaveLength(69);
    const account = await update(e, 0);
    expect(account.status).toBe(429);
    expect(account.headers.get('zendesk-ratelimit-tickets-update')).toMatch(/^total=100; remaining=0; resets=\d+$/);
    // Reads still have account budget left (700/window).
    expect((await getText(server, `/api/v2/tickets/${e}.json`)).status).toBe(200);
    const stats = server.stats();
    expect(stats.updatesApplied).toBe(100);
    expect(stats.rateLimitedByRoute['tickets/update']).toBe(2);
  });

  it('sends no limit headers and never limits when off', async () => {
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'off' });
    for (let i = 0; i < 15; i++) {
      const res = await getText(server, '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBeNull();
    }
  });
});
