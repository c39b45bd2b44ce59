import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryView, SyncStatusView } from '../../../src-shared/contract/api';
import type { InboxPage, PresenceSettingsView, PresenceView } from '../../../src-shared/contract/models';
import { RpcClient, startHostProcess, type HostProcess } from './web-host-process';

// Two web hosts as two agents (issue 5): the first runs the embedded demo helpdesk and its presence
// broker (DEMO_URL, PRESENCE_URL); the second uses both (`--demo-url`, `--presence-url`) and signs
// in as another demo agent (`--agent`). What the first does on a case, the second sees.

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two web hosts share presence', () => {
  let dir: string;
  let first: HostProcess;
  let second: HostProcess;
  let a: RpcClient;
  let b: RpcClient;
  let bEmail: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-web-presence-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Shiftdesk</title>');
    first = await startHostProcess(['--profile', join(dir, 'a'), '--renderer-dir', renderer, '--demo-cases', '60', '--demo-live-interval-ms', '60000', '--secrets', 'memory']);
    a = await RpcClient.connect(first);
    const directory = await until('the directory', async () => {
      const d = await a.result<DirectoryView>('directory:get');
      return d.agents.filter((x) => x.active && x.email).length > 1 && d;
    });
    bEmail = directory.agents.find((x) => x.active && x.email && !directory.me.includes(x.id))!.email!;
    second = await startHostProcess(['--profile', join(dir, 'b'), '--renderer-dir', renderer, '--secrets', 'memory', '--demo-url', first.demoUrl!, '--presence-url', first.presenceUrl!, '--agent', bEmail]);
    b = await RpcClient.connect(second);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await second?.stop();
    await first?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the broker it uses and fills presence settings for its agent', async () => {
    expect(first.presenceUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(second.demoUrl).toBe(first.demoUrl);
    expect(second.presenceUrl).toBe(first.presenceUrl);
    expect(await b.result<PresenceSettingsView>('presence:settings:get')).toEqual({ brokerUrl: first.presenceUrl, username: bEmail, workspace: 'demo', hasPassword: false, passwordMissing: false });
  });

  it('shows the second agent what the first one does on a case', async () => {
    for (const client of [a, b]) await until('first sync', async () => (await client.result<SyncStatusView[]>('sync:status'))[0]?.historyComplete);
    const row = (await a.result<InboxPage>('inbox:list', { view: 'all_open', limit: 1 })).rows[0]!;
    const bRow = await until('the case on B', async () => (await b.result<InboxPage>('inbox:list', { view: 'all_open', limit: 500 })).rows.find((r) => r.remoteId === row.remoteId));
    expect(await a.result('presence:setActivity', { caseId: row.id, activity: 'typing' })).toEqual({ ok: true });
    const view = await until('B to see A typing', async () => {
      const v = await b.result<PresenceView>('presence:get', { caseIds: [bRow.id] });
      return v.cases[bRow.id]?.some((p) => p.activity === 'typing') && v;
    }, 10_000);
    expect(view.cases[bRow.id]).toEqual([expect.objectContaining({ agentId: 'jordan.lee@support.shiftdesk.example', name: 'Jordan Lee', activity: 'typing' })]);
    expect(b.received.some((m) => m.type === 'event' && m.event === 'onPresence')).toBe(true);
  });
});
