import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wakeup } from '../../../src-main/core/net/backoff';
import { TransientRemoteError } from '../../../src-main/core/net/errors';
import { JsonHttpClient } from '../../../src-main/core/net/http-client';

// What the HTTP client tells the offline detection: any answer (whatever its status) is
// "reachable", a connection-level failure is "unreachable" at once, on the first attempt, not after
// the retries. The probe (`ping`) is one attempt with no retries.

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('HTTP client reachability', () => {
  let url: string;
  let refusedUrl: string;
  const server = createServer((req, res) => {
    const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
    if (req.url?.startsWith('/hang')) return; // never answers
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: status < 400, error: status >= 400 ? 'Nope' : undefined }));
  });

  beforeAll(async () => {
    url = await listen(server);
    const closed = createServer();
    refusedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (baseUrl: string, events: [boolean, number][], extra: Partial<ConstructorParameters<typeof JsonHttpClient>[0]> = {}) =>
    new JsonHttpClient({ baseUrl, authorization: 'Basic x', onReachability: (reachable, sentAt) => events.push([reachable, sentAt]), ...extra });

  it('reports every answer as reachable, error statuses included', async () => {
    const events: [boolean, number][] = [];
    const http = client(url, events, { maxAttempts: 1 });
    await http.getJson('/ok');
    await expect(http.getJson('/x?status=404')).rejects.toThrow(/refused/);
    await expect(http.getJson('/x?status=401')).rejects.toThrow(/credentials/);
    await expect(http.getJson('/x?status=503')).rejects.toThrow(/503/);
    expect(events.map(([reachable]) => reachable)).toEqual([true, true, true, true]);
  });

  it('reports a refused connection at the first attempt, with the time it was sent, before the retries end', async () => {
    const events: [boolean, number][] = [];
    const wake = new Wakeup();
    const http = client(refusedUrl, events, { maxAttempts: 3, backoff: { baseMs: 60_000, capMs: 60_000 }, wake });
    const before = Date.now();
    const request = http.getJson('/api/v2/users/me.json');
    request.catch(() => undefined);
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events[0]![0]).toBe(false);
    expect(events[0]![1]).toBeGreaterThanOrEqual(before);
    // The client now waits up to a minute before retrying; the network coming back ends the wait.
    wake.wake();
    while (events.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    wake.wake();
    await expect(request).rejects.toBeInstanceOf(TransientRemoteError);
    expect(events.map(([reachable]) => reachable)).toEqual([false, false, false]);
    expect(http.stats.requests).toBe(3);
  });

  it('reports nothing for a request its caller aborted', async () => {
    const events: [boolean, number][] = [];
    const http = client(url, events);
    const abort = new AbortController();
    const request = http.getJson('/hang', { signal: abort.signal });
    setTimeout(() => abort.abort(new Error('stopped')), 50);
    await expect(request).rejects.toThrow();
    expect(events).toEqual([]);
  });

  it('reports a timeout as unreachable', async () => {
    const events: [boolean, number][] = [];
    const http = client(url, events, { maxAttempts: 1, timeoutMs: 100 });
    await expect(http.getJson('/hang')).rejects.toBeInstanceOf(TransientRemoteError);
    expect(events.map(([reachable]) => reachable)).toEqual([false]);
  });

  it('ping: one attempt, any answer is reachable, a refusal or the caller\'s timeout is not', async () => {
    const events: [boolean, number][] = [];
    const up = client(url, events);
    expect(await up.ping('/ok', AbortSignal.timeout(2000))).toBe(true);
    expect(await up.ping('/x?status=401', AbortSignal.timeout(2000))).toBe(true);
    expect(await up.ping('/x?status=500', AbortSignal.timeout(2000))).toBe(true);
    const started = Date.now();
    expect(await up.ping('/hang', AbortSignal.timeout(200))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);

    const down = client(refusedUrl, []);
    expect(await down.ping('/api/v2/users/me.json', AbortSignal.timeout(2000))).toBe(false);
    expect(down.stats.requests).toBe(1);
    expect(down.stats.retries).toBe(0);
  });

  it('writes report the same way', async () => {
    const events: [boolean, number][] = [];
    expect(await client(url, events).sendJson('/x?status=409', 'PUT', { a: 1 })).toMatchObject({ status: 409 });
    await expect(client(refusedUrl, events).sendJson('/x', 'PUT', { a: 1 })).rejects.toBeInstanceOf(TransientRemoteError);
    expect(events.map(([reachable]) => reachable)).toEqual([true, false]);
  });
});
