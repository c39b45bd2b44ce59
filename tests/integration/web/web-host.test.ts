import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { shownTicketCount } from '../../helpers/demo-shown';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { AccountView, ViewCounts } from '../../../src-shared/contract/models';
import { refusedUpgradeStatus, rpcUrl, RpcClient, startHostProcess, type HostProcess } from './web-host-process';

// The web host as a real process on a small demo helpdesk, a temporary profile, in-memory secrets
// and a stand-in renderer folder (no Vite build needed).

/** A raw HTTP GET, so the Host header can be anything. */
function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  let dir: string;
  let host: HostProcess;
  let client: RpcClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-web-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Shiftdesk</title><script type="module" src="./assets/app-1a2b.js"></script>');
    writeFileSync(join(renderer, 'assets', 'app-1a2b.js'), 'console.log("app");');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    host = await startHostProcess(['--port', '0', '--profile', join(dir, 'profile'), '--renderer-dir', renderer, '--demo-cases', '150', '--demo-live-interval-ms', '500', '--secrets', 'memory', '--demo-export-lag-ms', '0']);
    client = await RpcClient.connect(host);
  });

  afterAll(async () => {
    await client?.close();
    const code = await host?.stop();
    expect(code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one SHIFTDESK_URL line, the wallboard, the demo helpdesk URL and its presence broker, all on loopback', () => {
    const lines = host.stdout().trim().split('\n');
    expect(lines.filter((l) => l.startsWith('SHIFTDESK_URL='))).toHaveLength(1);
    expect(lines).toEqual([`SHIFTDESK_URL=${host.url}`, `WALLBOARD_URL=${host.origin}/wallboard?token=${host.token}`, `DEMO_URL=${host.demoUrl}`, `PRESENCE_URL=${host.presenceUrl}`]);
    expect(host.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.presenceUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
  });

  it('fills the demo profile\'s presence settings and connects to the embedded broker', async () => {
    expect(await client.result('presence:settings:get')).toEqual({ brokerUrl: host.presenceUrl, username: 'jordan.lee@support.shiftdesk.example', workspace: 'demo', hasPassword: false, passwordMissing: false });
    const deadline = Date.now() + 15_000;
    let view = await client.result<{ configured: boolean; connection: { state: string } }>('presence:get');
    while (view.connection.state !== 'connected' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = await client.result('presence:get');
    }
    expect(view).toMatchObject({ configured: true, connection: { state: 'connected' }, me: { agentId: 'jordan.lee@support.shiftdesk.example', status: 'available' } });
  });

  it('serves the renderer with a strict CSP and hardening headers', async () => {
    const page = await get(host.origin, '/?token=whatever');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Shiftdesk</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ${host.origin.replace('http', 'ws')};`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');

    const asset = await get(host.origin, '/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-security-policy']).toBe(csp);
  });

  it('serves the wallboard (the renderer\'s page, same headers) at /wallboard; its data needs the token like the app\'s', async () => {
    const board = await get(host.origin, `/wallboard?token=${host.token}`);
    expect(board.status).toBe(200);
    expect(board.body).toContain('<title>Shiftdesk</title>');
    expect(board.headers['cache-control']).toBe('no-store');
    expect(board.headers['content-security-policy']).toContain("script-src 'self';");
    expect((await get(host.origin, '/wallboard/assets/app-1a2b.js')).status).toBe(404);
    expect(await refusedUpgradeStatus(rpcUrl(host, 'wrong-token'), host.origin)).toBe(401);
    // The queue fills with the first sync, which may still be running: wait for it, bounded.
    type Board = { totals: { open: number }; groups: unknown[] };
    const deadline = Date.now() + 30_000;
    let view = await client.result<Board>('supervisor:get');
    while (view.totals.open === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      view = await client.result<Board>('supervisor:get');
    }
    expect(view.totals.open).toBeGreaterThan(0);
    expect(view.groups.length).toBeGreaterThan(0);
  });

  it('serves nothing outside the renderer folder and answers only to its own host names', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/nope.js']) {
      const res = await get(host.origin, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the renderer');
    }
    expect((await get(host.origin, '/', { Host: 'evil.example:80' })).status).toBe(403);
    expect((await get(host.origin, '/', { Host: `localhost:${new URL(host.origin).port}` })).status).toBe(200);
    expect((await get(host.origin, '/rpc')).status).toBe(426);
  });

  it('refuses a WebSocket without the right token or from a foreign origin', async () => {
    expect(await refusedUpgradeStatus(rpcUrl(host, null), host.origin)).toBe(401);
    expect(await refusedUpgradeStatus(rpcUrl(host, 'wrong-token'), host.origin)).toBe(401);
    expect(await refusedUpgradeStatus(rpcUrl(host, `${host.token}x`), host.origin)).toBe(401);
    expect(await refusedUpgradeStatus(rpcUrl(host, host.token), 'http://evil.example')).toBe(403);
    expect(await refusedUpgradeStatus(rpcUrl(host, host.token), `http://127.0.0.1:1`)).toBe(403);
    expect(await refusedUpgradeStatus(rpcUrl(host, host.token))).toBe(403); // no Origin at all
    expect(await refusedUpgradeStatus(`${host.origin.replace('http', 'ws')}/elsewhere?token=${host.token}`, host.origin)).toBe(404);
  });

  it('round-trips contract calls: the demo account and its inbox counts', async () => {
    const accounts = await client.result<AccountView[]>('accounts:list');
    expect(accounts).toEqual([expect.objectContaining({ id: 1, baseUrl: host.demoUrl, email: 'jordan.lee@support.shiftdesk.example' })]);
    const deadline = Date.now() + 30_000;
    const shown = await shownTicketCount(host.demoUrl!);
    let counts = await client.result<ViewCounts>('inbox:counts');
    while (counts.all_open + counts.solved + counts.pending + counts.on_hold < shown && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      counts = await client.result<ViewCounts>('inbox:counts');
    }
    // Live traffic keeps adding cases; the demo's own at least (deleted ones and its unreadable record never show).
    expect(counts.all_open + counts.solved + counts.pending + counts.on_hold).toBeGreaterThanOrEqual(shown);
    expect(counts.mine).toBeGreaterThan(0);
  });

  it('answers invalid messages with an error reply and keeps serving', async () => {
    const errorFor = (id: number) => client.waitFor((m) => m.type === 'error' && m.id === id);

    client.sendRaw('this is not json');
    expect(await errorFor(0)).toMatchObject({ error: { name: 'InvalidMessageError', message: expect.stringMatching(/not JSON/) } });
    client.received.length = 0;

    client.sendRaw(JSON.stringify({ type: 'call', id: 901, method: 'no:such', input: {} }));
    expect(await errorFor(901)).toMatchObject({ error: { name: 'InvalidMessageError', message: expect.stringMatching(/method: unknown method/) } });

    client.sendRaw(JSON.stringify({ type: 'call', id: 902, method: 'inbox:counts', input: {}, extra: true }));
    expect(await errorFor(902)).toMatchObject({ error: { name: 'InvalidMessageError' } });

    client.sendRaw(JSON.stringify({ type: 'call', id: -3, method: 'inbox:counts' }));
    expect(await errorFor(0)).toMatchObject({ error: { name: 'InvalidMessageError', message: expect.stringMatching(/id/) } });
    client.received.length = 0;

    client.sendRaw(JSON.stringify([1, 2, 3]));
    expect(await errorFor(0)).toMatchObject({ error: { name: 'InvalidMessageError' } });
    client.received.length = 0;

    client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect(await errorFor(0)).toMatchObject({ error: { message: expect.stringMatching(/binary/) } });

    // A well-formed call with bad input is refused by core's own validation.
    expect(await client.call('cases:get', { id: 'x' })).toMatchObject({ type: 'error', error: { name: 'InvalidInputError', message: expect.stringMatching(/Invalid input for cases:get/) } });

    expect(await client.result<ViewCounts>('inbox:counts')).toHaveProperty('mine');
  });

  it('closes a socket that sends more than 1 MB and keeps serving others', async () => {
    const big = await RpcClient.connect(host);
    const closed = once(big.ws, 'close') as Promise<[number, Buffer]>;
    big.sendRaw(JSON.stringify({ type: 'call', id: 1, method: 'inbox:counts', input: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    const [code] = await closed;
    expect(code).toBe(1009);
    expect(await client.result<ViewCounts>('inbox:counts')).toHaveProperty('mine');
  });

  it('forwards core events to every connected page', async () => {
    const second = await RpcClient.connect(host);
    try {
      const isProgress = (m: { type: string; event?: string }) => m.type === 'event' && m.event === 'onSyncProgress';
      client.received.length = 0;
      const both = Promise.all([client.waitFor(isProgress), second.waitFor(isProgress)]);
      expect(await client.result('sync:retry', { accountId: 1 })).toEqual({ restarted: true });
      const [a, b] = await both;
      expect(a).toMatchObject({ type: 'event', event: 'onSyncProgress', payload: { accountId: 1 } });
      expect((b as { payload: SyncStatusView }).payload.accountId).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('does not let a closed page take the host down', async () => {
    const gone = await RpcClient.connect(host);
    gone.sendRaw(JSON.stringify({ type: 'call', id: 1, method: 'inbox:counts', input: {} }));
    gone.ws.terminate();
    await new Promise((r) => setTimeout(r, 200)); // its reply now has nowhere to go
    expect(await client.result<ViewCounts>('inbox:counts')).toHaveProperty('mine');
  });
});
