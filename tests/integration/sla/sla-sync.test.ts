import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import type { ChangeEvent } from '../../../src-shared/contract/api';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// SLA policies from the demo helpdesk through sync, the clocks on inbox rows, the next-breach sort,
// and a local override through the contract.
describe('SLA through core', () => {
  let demo: DemoServer;
  let core: CoreClient;
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('syncs the policies and business hours, times the cases, sorts by next breach and takes a local override', async () => {
    demo = await startDemoServer({ seed: 61, cases: 300 });
    core = new CoreClient({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-core-sla-')), 'profile.db'), secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 200 });
    await core.ready;
    const changes: ChangeEvent[] = [];
    core.on('onChange', (change) => changes.push(change));
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    await until(() => core.call('sync:status', {}), (s) => s[0]?.historyComplete === true);
    const policies = await until(() => core.call('sla:policies:list', {}), (list) => list.length === 3);
    expect(policies.map((p) => [p.title, p.source, p.position])).toEqual([
      ['Live chat & messaging', 'helpdesk', 1],
      ['Urgent & high', 'helpdesk', 2],
      ['Normal & low', 'helpdesk', 3],
    ]);
    const [chat, urgentHigh, normalLow] = policies;
    expect(chat!.filter.any).toEqual([
      { field: 'channel', operator: 'is', value: 'chat' },
      { field: 'channel', operator: 'is', value: 'messaging' },
    ]);
    expect(chat!.resolutionPauses).toEqual(['pending']); // requester wait time
    expect(urgentHigh!.targets).toContainEqual({ target: 'first_reply', priority: 'high', minutes: 60, businessHours: false });
    expect(urgentHigh!.resolutionPauses).toEqual(['pending', 'hold']); // agent work time
    expect(normalLow!.targets).toContainEqual({ target: 'first_reply', priority: 'normal', minutes: 480, businessHours: true });
    expect(normalLow!.schedule?.timeZone).toBe('Europe/Berlin');

    // Unsolved cases with a priority carry clocks; the next-breach sort puts the earliest due first.
    const page = await core.call('inbox:list', { view: 'all_open', sort: 'next_breach', limit: 100 });
    const timed = page.rows.filter((r) => r.sla?.next && r.sla.next.dueAt !== null);
    expect(timed.length).toBeGreaterThan(0);
    const dues = timed.map((r) => r.sla!.next!.dueAt!);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const firstUntimed = page.rows.findIndex((r) => !r.sla?.next || r.sla.next.dueAt === null);
    if (firstUntimed >= 0) expect(page.rows.slice(firstUntimed).every((r) => !r.sla?.next || r.sla.next.dueAt === null)).toBe(true);
    for (const row of timed) expect(['ok', 'at_risk', 'breached']).toContain(row.sla!.next!.state);
    const detail = await core.call('cases:get', { id: timed[0]!.id });
    expect(detail?.sla?.next?.dueAt).toBe(timed[0]!.sla!.next!.dueAt);

    // A local override of a synced policy recomputes the due times and announces 'cases'.
    const high = page.rows.find((r) => r.priority === 'high' && r.channel !== 'chat' && r.channel !== 'messaging' && r.sla?.clocks.some((c) => c.target === 'resolution'));
    const overridden = await core.call('sla:policies:save', {
      id: urgentHigh!.id,
      title: 'Urgent & high (ours)',
      targets: urgentHigh!.targets.map((t) => (t.target === 'resolution' && t.priority === 'high' ? { ...t, minutes: 48 * 60 } : t)),
    });
    expect(overridden).toMatchObject({ source: 'override', title: 'Urgent & high (ours)' });
    expect(changes.at(-1)?.kinds).toEqual(['cases']);
    if (high) {
      const before = high.sla!.clocks.find((c) => c.target === 'resolution')!;
      const after = (await core.call('cases:get', { id: high.id }))!.sla!.clocks.find((c) => c.target === 'resolution')!;
      if (before.dueAt !== null) expect(after.dueAt).toBe(before.dueAt + 24 * 3_600_000);
    }
    const local = await core.call('sla:policies:save', { title: 'Local: VIP', position: 0, filter: { all: [{ field: 'tags', operator: 'includes', value: 'vip' }], any: [] }, targets: [{ target: 'first_reply', priority: 'normal', minutes: 15, businessHours: false }] });
    expect(local).toMatchObject({ source: 'local', accountId: null });
    expect(await core.call('sla:policies:delete', { id: local.id })).toEqual({ deleted: true });
    expect((await core.call('sla:policies:list', {})).map((p) => p.id)).not.toContain(local.id);
  }, 60_000);
});
