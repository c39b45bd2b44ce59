import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getText, TEST_ANCHOR } from './demo-client';

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

  it('sends no limit headers and never limits when off', async () => {
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'off' });
    for (let i = 0; i < 15; i++) {
      const res = await getText(server, '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBeNull();
    }
  });
});
