import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { settledAnchor } from '../../helpers/sync-harness';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { AccountView, ViewCounts } from '../../../src-shared/contract/models';
import { RpcClient, startHostProcess, type HostProcess } from './web-host-process';

// --demo-url: the web host uses a demo helpdesk running elsewhere (so tests can stop it for real)
// instead of embedding one. Its account is added once and syncs again after a restart of the host
// on the same profile, even with the in-memory secret store.

const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-web-external-'));
const profile = join(dir, 'profile');
const running: HostProcess[] = [];
let demo: DemoServer | undefined;

async function start(): Promise<HostProcess> {
  const host = await startHostProcess(['--port', '0', '--profile', profile, '--renderer-dir', join(dir, 'no-renderer'), '--secrets', 'memory', '--demo-url', demo!.url]);
  running.push(host);
  return host;
}

async function syncedOnce(client: RpcClient, accountId: number): Promise<SyncStatusView | undefined> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = (await client.result<SyncStatusView[]>('sync:status')).find((s) => s.accountId === accountId);
    if ((status?.historyComplete && status.error === null) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('web host on an external demo helpdesk (--demo-url)', () => {
  afterAll(async () => {
    for (const host of running) await host.stop();
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds one account for it, starts no demo of its own, and syncs again after a restart', async () => {
    demo = await startDemoServer({ seed: 5, cases: 60, anchorTime: settledAnchor() });
    const first = await start();
    expect(first.demoUrl).toBe(demo.url);
    expect(existsSync(join(profile, 'demo.json')), 'no embedded demo state').toBe(false);
    const client = await RpcClient.connect(first);
    const accounts = await client.result<AccountView[]>('accounts:list');
    expect(accounts).toEqual([expect.objectContaining({ baseUrl: demo.url, name: 'Demo helpdesk' })]);
    expect(await syncedOnce(client, accounts[0]!.id)).toMatchObject({ historyComplete: true, error: null });
    await client.close();
    expect(await first.stop()).toBe(0);

    // Same profile, memory secrets: the token was forgotten, the host seeds the demo's public one.
    const second = await start();
    expect(second.demoUrl).toBe(demo.url);
    const again = await RpcClient.connect(second);
    expect(await again.result<AccountView[]>('accounts:list')).toEqual([expect.objectContaining({ id: accounts[0]!.id, baseUrl: demo.url })]);
    expect(await syncedOnce(again, accounts[0]!.id)).toMatchObject({ accountId: accounts[0]!.id, error: null });
    await again.close();
    expect(await second.stop()).toBe(0);
  });

  it('starts while the helpdesk is down once the profile knows it, with its cache', async () => {
    const url = demo!.url;
    const shown = demo!.dataset.syncGroundTruth().ticketIds.length;
    await demo!.close();
    const third = await start();
    expect(third.demoUrl).toBe(url);
    const client = await RpcClient.connect(third);
    expect(await client.result<AccountView[]>('accounts:list')).toEqual([expect.objectContaining({ baseUrl: url })]);
    const counts = await client.result<ViewCounts>('inbox:counts');
    expect(counts.all_open + counts.pending + counts.on_hold + counts.solved).toBe(shown);
    await client.close();
    expect(await third.stop()).toBe(0);
  });
});
