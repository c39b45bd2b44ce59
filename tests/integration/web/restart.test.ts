import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shownTicketCount } from '../../helpers/demo-shown';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer } from '../../../src-main/demo/index';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { AccountView, ViewCounts } from '../../../src-shared/contract/models';
import { RpcClient, startHostProcess, type HostProcess } from './web-host-process';

// Restarting the web host on the same profile: the demo account survives, the demo helpdesk comes
// back on the port its URL names, and the account syncs again (its token is seeded in memory).

const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-web-restart-'));
const profile = join(dir, 'profile');
// The export lag off: these tests count the demo's cases right after a start (the lag has its own tests).
const args = ['--port', '0', '--profile', profile, '--renderer-dir', join(dir, 'no-renderer'), '--demo-cases', '150', '--secrets', 'memory', '--demo-export-lag-ms', '0'];
const running: HostProcess[] = [];

async function start(): Promise<HostProcess> {
  const host = await startHostProcess(args);
  running.push(host);
  return host;
}

async function syncingAccount(client: RpcClient, accountId: number): Promise<SyncStatusView | undefined> {
  return (await client.result<SyncStatusView[]>('sync:status')).find((s) => s.accountId === accountId);
}

async function totalCases(client: RpcClient): Promise<number> {
  const counts = await client.result<ViewCounts>('inbox:counts');
  return counts.all_open + counts.pending + counts.on_hold + counts.solved;
}

async function waitForCases(client: RpcClient, atLeast: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  let total = await totalCases(client);
  while (total < atLeast && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    total = await totalCases(client);
  }
  return total;
}

describe('web host restart', () => {
  afterAll(async () => {
    for (const host of running) await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let firstAccount: AccountView;
  let firstDemoUrl: string;

  it('keeps the demo account, its port and its cache across a restart', async () => {
    const first = await start();
    const client = await RpcClient.connect(first);
    [firstAccount] = await client.result<AccountView[]>('accounts:list');
    firstDemoUrl = first.demoUrl!;
    expect(firstAccount).toMatchObject({ id: 1, baseUrl: firstDemoUrl });
    const shown = await shownTicketCount(firstDemoUrl);
    expect(shown).toBeGreaterThan(140);
    expect(await waitForCases(client, shown)).toBeGreaterThanOrEqual(shown);
    await client.close();
    expect(await first.stop()).toBe(0);
    expect(JSON.parse(readFileSync(join(profile, 'demo.json'), 'utf8'))).toMatchObject({ accountId: 1, port: Number(new URL(firstDemoUrl).port), cases: 150, tokenStore: 'memory' });

    const second = await start();
    expect(second.demoUrl).toBe(firstDemoUrl);
    expect(second.token).not.toBe(first.token);
    const again = await RpcClient.connect(second);
    expect(await again.result<AccountView[]>('accounts:list')).toEqual([expect.objectContaining({ id: firstAccount.id, baseUrl: firstDemoUrl })]);
    // Cached cases are there at once, and the account syncs: core found its token.
    expect(await totalCases(again)).toBeGreaterThanOrEqual(shown);
    expect(await syncingAccount(again, firstAccount.id)).toMatchObject({ accountId: firstAccount.id });
    expect((await syncingAccount(again, firstAccount.id))?.error).toBeNull();
    await again.close();
    expect(await second.stop()).toBe(0);
  });

  it('moves the demo to a free port and replaces its account when the old port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(firstDemoUrl).port), '127.0.0.1', resolve));
    try {
      const third = await start();
      expect(third.demoUrl).not.toBe(firstDemoUrl);
      expect(third.stderr()).toMatch(/port \d+ is in use/);
      const client = await RpcClient.connect(third);
      const accounts = await client.result<AccountView[]>('accounts:list');
      expect(accounts).toEqual([expect.objectContaining({ baseUrl: third.demoUrl })]);
      expect(third.stderr()).toMatch(/Replacing the demo account: port \d+ is taken/);
      const shown = await shownTicketCount(third.demoUrl!);
      expect(await waitForCases(client, shown)).toBeGreaterThanOrEqual(shown);
      expect(JSON.parse(readFileSync(join(profile, 'demo.json'), 'utf8'))).toMatchObject({ accountId: accounts[0]!.id, port: Number(new URL(third.demoUrl!).port) });
      await client.close();
      expect(await third.stop()).toBe(0);
    } finally {
      squatter.close();
    }
  });

  it('starts no demo once the agent has replaced the demo account, and a fresh one when no account is left', async () => {
    const elsewhere = await startDemoServer({ seed: 9, cases: 20 });
    try {
      const fourth = await start();
      const client = await RpcClient.connect(fourth);
      const [demoAccount] = await client.result<AccountView[]>('accounts:list');
      const other = await client.result<AccountView>('accounts:add', { kind: 'zendesk', name: 'Elsewhere', baseUrl: elsewhere.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
      expect(await client.result('accounts:remove', { id: demoAccount!.id })).toEqual({ removed: true });
      await client.close();
      expect(await fourth.stop()).toBe(0);

      const fifth = await start();
      expect(fifth.demoUrl).toBeNull();
      expect(fifth.stdout().trim().split('\n')).toEqual([`SHIFTDESK_URL=${fifth.url}`, `WALLBOARD_URL=${fifth.origin}/wallboard?token=${fifth.token}`]);
      const onlyOther = await RpcClient.connect(fifth);
      expect(await onlyOther.result<AccountView[]>('accounts:list')).toEqual([expect.objectContaining({ id: other.id, baseUrl: elsewhere.url })]);
      expect(await onlyOther.result('accounts:remove', { id: other.id })).toEqual({ removed: true });
      await onlyOther.close();
      expect(await fifth.stop()).toBe(0);
    } finally {
      await elsewhere.close();
    }

    const sixth = await start();
    expect(sixth.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const fresh = await RpcClient.connect(sixth);
    expect(await fresh.result<AccountView[]>('accounts:list')).toEqual([expect.objectContaining({ baseUrl: sixth.demoUrl })]);
    await fresh.close();
    expect(await sixth.stop()).toBe(0);
  });
});
