import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../src-main/demo/index';
import { CoreClient } from '../../src-main/core/rpc/core-client';
import type { ChangeEvent, SyncStatusView } from '../../src-shared/contract/api';
import { assignableAgents } from '../../src-shared/domain/assignees';
import { settledAnchor } from '../helpers/sync-harness';

// Core in its worker thread, driven only through the contract, as the shells will drive it.
describe('core over RPC', () => {
  let demo: DemoServer;
  let core: CoreClient;
  let dir: string;
  const changes: ChangeEvent[] = [];
  const progress: SyncStatusView[] = [];

  beforeAll(async () => {
    demo = await startDemoServer({ seed: 2, cases: 200, anchorTime: settledAnchor() });
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-rpc-'));
    core = new CoreClient({ dbPath: join(dir, 'profile.db'), secrets: 'memory', followIntervalMs: 200 });
    core.on('onChange', (c) => changes.push(c));
    core.on('onSyncProgress', (p) => progress.push(p));
    await core.ready;
  });
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('rejects invalid input and unknown methods with a clear error', async () => {
    await expect(core.call('cases:get', { id: 'x' as never })).rejects.toThrow(/Invalid input for cases:get: id/);
    await expect(core.call('inbox:list', { view: 'nope' as never })).rejects.toThrow(/unknown view/);
    await expect(core.call('no:such' as never, {} as never)).rejects.toThrow(/unknown method/);
  });

  it('tests an account and reports a wrong token without saving anything', async () => {
    const bad = await core.call('accounts:test', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: 'wrong' });
    expect(bad).toEqual({ ok: false, problem: 'auth', status: 401, error: expect.stringMatching(/refused the credentials \(401/) });
    // Refused with a code the renderer words, and the technical text once (no prefix to double).
    const refused = await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: 'wrong' }).catch((e: unknown) => e as Error & { code?: string });
    expect(refused).toMatchObject({ name: 'AccountRefusedError', code: 'auth', message: expect.stringMatching(/^The helpdesk refused the credentials \(401/) });
    expect(await core.call('accounts:list', {})).toEqual([]);
  });

  it('adds an account, syncs it with progress and change events, and serves the inbox', async () => {
    const account = await core.call('accounts:add', { kind: 'zendesk', baseUrl: `${demo.url}/`, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, name: 'Demo' });
    expect(account).toMatchObject({ kind: 'zendesk', name: 'Demo', baseUrl: demo.url, email: DEMO_AGENT_EMAIL });
    const deadline = Date.now() + 30_000;
    while (!progress.some((p) => p.historyComplete && p.searchPending === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(progress.some((p) => p.phase === 'first-work' || p.firstWorkReady)).toBe(true);
    expect(changes.some((c) => c.kinds.includes('cases') && c.caseIds.length > 0)).toBe(true);
    const counts = await core.call('inbox:counts', {});
    const truth = demo.dataset.syncGroundTruth();
    expect(counts.solved + counts.all_open + counts.pending + counts.on_hold).toBe(truth.ticketIds.length);
    const page = await core.call('inbox:list', { view: 'all_open', sort: 'priority', limit: 5 });
    expect(page.rows.length).toBeGreaterThan(0);
    const detail = await core.call('cases:get', { id: page.rows[0]!.id });
    const readable = new Set(truth.commentIds);
    expect(detail?.thread.length).toBe(demo.dataset.commentsFor(Number(detail!.remoteId)).filter((c) => readable.has(c.id)).length);
    expect(detail?.threadComplete).toBe(true);
    const customer = await core.call('customers:get', { id: detail!.customer!.id });
    expect(customer?.cases.map((c) => c.id)).toContain(detail!.id);
    const status = await core.call('sync:status', {});
    expect(status[0]).toMatchObject({ accountId: account.id, historyComplete: true });
  });

  it('lists every agent in the directory with whether it is active, and offers only active ones for assignment', async () => {
    const directory = await core.call('directory:get', {});
    const byEmail = new Map(directory.agents.map((a) => [a.email, a]));
    for (const agent of demo.dataset.agents()) {
      expect(byEmail.get(agent.email), agent.name).toMatchObject({ name: agent.name, active: agent.active && !agent.suspended });
    }
    // The demo's former agents: one deleted, one suspended.
    const inactive = directory.agents.filter((a) => !a.active).map((a) => a.name).sort();
    expect(inactive).toEqual(['Kenji Watanabe', 'Rachel Moore']);
    const assignable = assignableAgents(directory.agents).map((a) => a.name);
    expect(assignable).not.toContain('Rachel Moore');
    expect(assignable).toContain(demo.dataset.meAgent.name);
    const rachel = directory.agents.find((a) => a.name === 'Rachel Moore')!;
    expect(assignableAgents(directory.agents, rachel.id).map((a) => a.name)).toContain('Rachel Moore');
  });

  it('keeps the token out of the database files', () => {
    const bytes = readdirSync(dir)
      .filter((f) => f.startsWith('profile.db'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('');
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(DEMO_TOKEN)).toBe(false);
  });
});
