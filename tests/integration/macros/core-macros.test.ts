import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, REFUND_MACRO_TITLE, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import type { ChangeEvent } from '../../../src-shared/contract/api';
import { actionIdsInAudits } from '../../helpers/demo-audits';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The seven macro methods through the contract, as the UI calls them, against the demo helpdesk:
// shared macros arrive with sync, personal ones are edited, and a bulk apply made offline lands once.
describe('macros through core', () => {
  let demo: DemoServer;
  let core: CoreClient;
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('lists, saves, suggests, gives context, counts use, and bulk-applies offline then delivers each once', async () => {
    demo = await startDemoServer({ seed: 52, cases: 200 });
    core = new CoreClient({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-core-macros-')), 'profile.db'), secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 200 });
    await core.ready;
    const changes: ChangeEvent[] = [];
    core.on('onChange', (change) => changes.push(change));
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    await until(() => core.call('sync:status', {}), (s) => s[0]?.historyComplete === true);
    const shared = await until(() => core.call('macros:list', {}), (list) => list.length === demo.dataset.macros().filter((m) => m.active).length);
    expect(changes.some((c) => c.kinds.includes('macros'))).toBe(true);

    // A personal macro: saved (unknown placeholders refused), listed, used, deleted.
    await expect(core.call('macros:save', { title: 'Bad', body: 'Hi {{customer.nickname}}', bodyPublic: true, actions: {} })).rejects.toThrow(/customer\.nickname/);
    await expect(core.call('macros:save', { id: shared[0]!.id, title: 'Mine', body: '', bodyPublic: true, actions: {} })).rejects.toThrow(/shared macro/);
    const mine = await core.call('macros:save', {
      title: 'Bulk: we are on it',
      body: 'Hi {{customer.first_name | "there"}}, we are looking into case {{case.id}} now. – {{agent.first_name}}',
      bodyPublic: true,
      actions: { assignee: { kind: 'me' }, addTags: ['macro_bulk'] },
    });
    expect(mine).toMatchObject({ source: 'personal', usageCount: 0 });
    expect(changes.at(-1)?.kinds).toEqual(['macros']);
    expect(await core.call('macros:used', { id: mine.id })).toEqual({ ok: true });
    expect((await core.call('macros:list', {}))[0]).toMatchObject({ id: mine.id, usageCount: 1 });
    const scratch = await core.call('macros:save', { title: 'Scratch', body: 'x', bodyPublic: false, actions: {} });
    expect(await core.call('macros:delete', { id: scratch.id })).toEqual({ deleted: true });

    // Suggestions and context for a refund request.
    const refundCaseId = (await core.call('search:query', { query: '"would like a refund"' })).messages[0]?.caseId;
    expect(refundCaseId).toBeDefined();
    const suggestions = await core.call('macros:suggest', { caseId: refundCaseId! });
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]?.macroId).toBe(shared.find((m) => m.title === REFUND_MACRO_TITLE)!.id);

    // Bulk apply to 5 unassigned open cases while offline.
    await core.call('network:setOffline', { offline: true });
    const page = await core.call('inbox:list', { view: 'all_open', sort: 'newest', filters: { assignee: ['none'] }, limit: 5 });
    const cases = page.rows;
    expect(cases).toHaveLength(5);
    const context = await core.call('macros:context', { caseId: cases[0]!.id });
    expect(context.values['case.id']).toBe(cases[0]!.remoteId);
    const result = await core.call('macros:applyBulk', { macroId: mine.id, caseIds: cases.map((c) => c.id) });
    expect(result.actions).toHaveLength(5);
    expect(result.refused).toEqual([]);
    expect(result.actions.every((a) => a.kind === 'reply' && a.state === 'queued')).toBe(true);
    expect(result.actions[0]!.intent.comment!.body).toContain(`case ${cases[0]!.remoteId} now`);
    expect((await core.call('macros:list', {})).find((m) => m.id === mine.id)?.usageCount).toBe(2);
    expect(demo.stats().updatesApplied).toBe(0);

    await core.call('network:setOffline', { offline: false });
    await until(() => core.call('outbox:list', {}), (list) => list.length === 0);
    expect(demo.stats().updatesApplied).toBe(5);
    for (const c of cases) {
      const ids = await actionIdsInAudits(demo, c.remoteId);
      expect(new Set(ids).size).toBe(ids.length);
      const ticket = demo.dataset.ticket(Number(c.remoteId))!;
      expect(ticket.tags).toContain('macro_bulk');
      expect(ticket.assignee_id).toBe(demo.dataset.meAgent.id);
      expect(demo.dataset.commentsFor(ticket.id).filter((comment) => comment.body.includes(`case ${c.remoteId} now`))).toHaveLength(1);
    }
  }, 90_000);
});
