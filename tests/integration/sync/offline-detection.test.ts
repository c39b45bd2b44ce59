import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';

// Offline detection through core, with the helpdesk really gone (its port refuses connections):
// sync alone notices at its next request, the app comes back at the helpdesk's first answer, and
// then sync and the outbox go on at once. "Work offline" sends nothing at all.

async function until(ok: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('offline detection through core', () => {
  const anchorTime = Date.UTC(2026, 10, 20, 10);
  let demo: DemoServer | null = null;
  let core: ShiftdeskCore | null = null;
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('goes offline at the first refused sync request, and back online with sync and the outbox at the first answer', async () => {
    demo = await startDemoServer({ seed: 31, cases: 100, anchorTime });
    const port = Number(new URL(demo.url).port);
    core = new ShiftdeskCore({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-offline-')), 'p.db'), secrets: new MemorySecretStore(), followIntervalMs: 200 });
    const c = core;
    await c.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const following = () => c.syncStatus()[0]?.state === 'following' && c.syncStatus()[0]?.error === null;
    await until(() => c.syncStatus()[0]?.historyComplete === true && following(), 30_000, 'first sync');

    // The helpdesk goes away. Nothing is being sent: only sync's follow polls (every 200 ms here)
    // can notice, and the first refused one does (before, it took the HTTP client's 6 attempts).
    await demo.close();
    demo = null;
    const offlineAfter = await until(() => !c.networkStatus().online, 5_000, 'offline');
    expect(offlineAfter).toBeLessThan(2_000);
    expect(c.networkStatus()).toMatchObject({ online: false, forcedOffline: false });

    // Work goes on, queued.
    const row = (await c.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 1 })).rows[0]!;
    await c.call('cases:act', { caseIds: [row.id], intent: { addTags: ['while-down'] } });
    expect(c.networkStatus().outbox.queued).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // an outage of a few seconds: probes at ~1 s and ~2 s more

    demo = await startDemoServer({ seed: 31, cases: 100, anchorTime, port });
    const back = Date.now();
    await until(() => c.networkStatus().online, 20_000, 'online');
    await until(() => c.networkStatus().outbox.queued + c.networkStatus().outbox.sending === 0, 10_000, 'outbox drained');
    await until(following, 10_000, 'sync following');
    // The probe's pause is at most 15 s; here the helpdesk was down briefly, so much less.
    expect(Date.now() - back).toBeLessThan(10_000);
    expect(demo.dataset.ticket(Number(row.remoteId))!.tags).toContain('while-down');
  });

  it('sends nothing at all while working offline, probes included', async () => {
    const c = core!;
    c.network.setForcedOffline(true);
    const before = demo!.stats().total;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // follow polls would run every 200 ms
    expect(demo!.stats().total).toBe(before);
    c.network.setForcedOffline(false);
    await until(() => demo!.stats().total > before, 2_000, 'requests again');
  });
});
