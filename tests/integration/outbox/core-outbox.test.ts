import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import type { NetworkStatusView } from '../../../src-shared/contract/models';
import { actionIdsInAudits } from '../../helpers/demo-audits';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Offline triage through the contract, as the UI does it: work offline, act, see the queue, reconnect.
describe('outbox through core', () => {
  let demo: DemoServer;
  let core: CoreClient;
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-core-outbox-'));
  const start = async () => {
    core = new CoreClient({ dbPath: join(dir, 'profile.db'), secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 200 });
    await core.ready;
  };
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('queues replies, tags, assignment and a bulk solve offline, then delivers each exactly once', async () => {
    demo = await startDemoServer({ seed: 51, cases: 200 });
    await start();
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    await until(() => core.call('sync:status', {}), (s) => s[0]?.historyComplete === true);
    const statuses: NetworkStatusView[] = [];
    core.on('onNetworkStatus', (s) => statuses.push(s));
    expect(await core.call('network:setOffline', { offline: true })).toMatchObject({ online: false, forcedOffline: true });

    const page = await core.call('inbox:list', { view: 'all_open', sort: 'newest', filters: { assignee: ['none'] }, limit: 8 });
    const [c1, c2, c3, c4, c5, c6, c7, c8] = page.rows; // unassigned, so "assign to me" changes something
    const me = (await core.call('directory:get', {})).me[0]!;
    for (const c of [c1, c2, c3]) await core.call('cases:act', { caseIds: [c!.id], intent: { comment: { body: `Reply to ${c!.remoteId}`, public: true } } });
    for (const c of [c4, c5]) await core.call('cases:act', { caseIds: [c!.id], intent: { addTags: ['offline-tag'] } });
    await core.call('cases:act', { caseIds: [c6!.id], intent: { assigneeId: me } });
    const bulk = await core.call('cases:act', { caseIds: [c7!.id, c8!.id, c1!.id], intent: { status: 'solved' } });
    expect(bulk.actions).toHaveLength(3);

    const queued = await core.call('outbox:list', {});
    expect(queued).toHaveLength(9);
    expect(queued.every((a) => a.state === 'queued')).toBe(true);
    expect(statuses.at(-1)?.outbox.queued).toBe(9);
    // Optimistic: the changes show at once, marked pending.
    const detail = await core.call('cases:get', { id: c1!.id });
    expect(detail).toMatchObject({ status: 'solved', pending: true });
    expect(detail!.pendingActions).toHaveLength(2);
    expect(detail!.thread.at(-1)).toMatchObject({ bodyText: `Reply to ${c1!.remoteId}`, authorKind: 'agent', pendingActionId: expect.any(String) });
    expect((await core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 200 })).rows.map((r) => r.id)).not.toContain(c7!.id);
    // Nothing reached the helpdesk while offline.
    expect(demo.stats().updatesApplied).toBe(0);

    await core.call('network:setOffline', { offline: false });
    await until(() => core.call('outbox:list', {}), (list) => list.length === 0);
    expect(demo.stats().updatesApplied).toBe(9);
    for (const c of [c1, c2, c3, c4, c5, c6, c7, c8]) {
      const ids = await actionIdsInAudits(demo, c!.remoteId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(demo.dataset.ticket(Number(c7!.remoteId))!.status).toBe('solved');
    expect(demo.dataset.ticket(Number(c4!.remoteId))!.tags).toContain('offline-tag');
    expect(demo.dataset.ticket(Number(c6!.remoteId))!.assignee_id).toBe(demo.dataset.meAgent.id);
  });

  it('keeps a draft across a restart of core on the same profile', async () => {
    const page = await core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 1 });
    const caseId = page.rows[0]!.id;
    await core.call('drafts:save', { caseId, body: 'Half-written reply…', mode: 'reply' });
    await core.stop();
    await start();
    expect(await core.call('drafts:get', { caseId })).toMatchObject({ caseId, body: 'Half-written reply…', mode: 'reply' });
    await core.call('drafts:save', { caseId, body: '', mode: 'reply' });
    expect(await core.call('drafts:get', { caseId })).toBeNull();
  });
});
