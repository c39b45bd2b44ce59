import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getJson, getText, TEST_ANCHOR } from './demo-client';

const TICKETS = '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5';

describe('fault injection over HTTP', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 2, cases: 100, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());
  beforeEach(() => server.faults.clear());

  it('serves broken JSON for the requested number of times, then recovers', async () => {
    server.faults.add({ pathPattern: '/incremental/tickets/cursor', kind: 'truncated-json', times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await getText(server, TICKETS);
      expect(res.status).toBe(200);
      expect(() => JSON.parse(res.text)).toThrow();
    }
    const ok = await getText(server, TICKETS);
    expect(JSON.parse(ok.text)).toHaveProperty('tickets');

    server.faults.add({ pathPattern: /incremental\/tickets/, kind: 'malformed-json' });
    const malformed = await getText(server, TICKETS);
    expect(() => JSON.parse(malformed.text)).toThrow();
  });

  it('serves wrong types and missing fields', async () => {
    server.faults.add({ pathPattern: '/incremental/tickets', kind: 'wrong-types' });
    const wrong = await getJson<{ tickets: Record<string, unknown>[] }>(server, TICKETS);
    expect(typeof wrong.body.tickets[0]?.id).toBe('object');
    expect(typeof wrong.body.tickets[0]?.status).toBe('number');

    server.faults.add({ pathPattern: '/incremental/tickets', kind: 'missing-fields' });
    const noIds = await getJson<{ tickets: Record<string, unknown>[] }>(server, TICKETS);
    expect(noIds.body.tickets[0]).not.toHaveProperty('id');

    server.faults.add({ pathPattern: '/incremental/tickets', kind: 'missing-fields', field: 'tickets' });
    const noTickets = await getJson(server, TICKETS);
    expect(noTickets.body).not.toHaveProperty('tickets');
    expect(noTickets.body).toHaveProperty('after_cursor');
    // The data itself is untouched.
    expect(typeof server.dataset.ticket(1)?.id).toBe('number');
  });

  it('answers injected statuses, with Retry-After for 429', async () => {
    server.faults.add({ pathPattern: '/users/me', kind: 'status', status: 429, retryAfter: 3 });
    server.faults.add({ pathPattern: '/ticket_events', kind: 'status', status: 500, times: 1 });
    const limited = await getText(server, '/api/v2/users/me.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const failed = await getJson(server, '/api/v2/incremental/ticket_events.json?start_time=0');
    expect(failed.status).toBe(500);
    expect((await getText(server, '/api/v2/users/me.json')).status).toBe(200);
    const stats = server.stats();
    expect(stats.faultsInjected).toBeGreaterThanOrEqual(2);
    expect(stats.tooManyRequests).toBeGreaterThanOrEqual(1);
  });

  it('can drop the connection or delay the answer', async () => {
    server.faults.add({ pathPattern: '/groups', kind: 'reset' });
    await expect(fetch(`${server.url}/api/v2/groups.json`, { headers: { Authorization: server.authHeader() } })).rejects.toThrow();
    server.faults.add({ pathPattern: '/groups', kind: 'delay', delayMs: 150 });
    const started = Date.now();
    expect((await getJson(server, '/api/v2/groups.json')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('is controllable through the loopback admin routes', async () => {
    const created = await fetch(`${server.url}/__demo/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pathPattern: '/tickets/\\d+/comments', regex: true, kind: 'status', status: 503, times: 1 }),
    });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${server.url}/__demo/faults`)).json()) as { faults: unknown[] };
    expect(list.faults).toHaveLength(1);
    const res = await getText(server, '/api/v2/tickets/1/comments.json');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const bad = await fetch(`${server.url}/__demo/faults`, { method: 'POST', body: '{"kind":"nope"}' });
    expect(bad.status).toBe(400);
    const stats = (await (await fetch(`${server.url}/__demo/stats`)).json()) as { byRoute: Record<string, number> };
    expect(stats.byRoute['tickets/comments']).toBeGreaterThanOrEqual(1);
  });
});
