import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import type { QueueFigures, SupervisorView } from '../../../src-shared/contract/supervisor';
import { expectedPanel, type ExpectedQueue } from '../../e2e/helpers/supervisor-truth';
import { settledAnchor } from '../../helpers/sync-harness';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const comparable = (f: QueueFigures | ExpectedQueue) => ({
  open: f.open,
  unassigned: f.unassigned,
  oldestWaitingSince: f.oldestWaitingSince,
  repliesToday: f.repliesToday,
  medianFirstReplyMs: f.medianFirstReplyMs,
  firstRepliesToday: f.firstRepliesToday,
  csatGood: f.csatGood,
  csatBad: f.csatBad,
});

// "Panel figures equal a direct count over the demo dataset": core syncs the demo helpdesk, then
// every figure of `supervisor:get` is compared with the same figure counted from the helpdesk's
// own tickets and comments (tests/e2e/helpers/supervisor-truth.ts), not from core's cache.
describe('supervisor:get over a synced demo helpdesk', () => {
  let demo: DemoServer;
  let core: CoreClient;
  let dir: string;

  beforeAll(async () => {
    demo = await startDemoServer({ seed: 11, cases: 400, anchorTime: settledAnchor() });
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-supervisor-'));
    core = new CoreClient({ dbPath: join(dir, 'profile.db'), secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 60_000 });
    await core.ready;
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    await until(() => core.call('sync:status', {}), (s) => s[0]?.historyComplete === true && s[0].searchPending === 0);
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts every queue, channel and agent as the helpdesk data says', async () => {
    const view: SupervisorView = await core.call('supervisor:get', {});
    const agents = demo.dataset.agents();
    // What the helpdesk shows an agent: tickets not deleted and readable, their readable comments.
    const truth = demo.dataset.syncGroundTruth();
    const shownTickets = new Set(truth.ticketIds);
    const readable = new Set(truth.commentIds);
    const expected = expectedPanel({
      tickets: demo.dataset.tickets().filter((t) => shownTickets.has(t.id)),
      commentsFor: (id) => demo.dataset.commentsFor(id).filter((c) => readable.has(c.id)),
      agents: agents.map((a) => ({ id: a.id, email: a.email ?? '' })),
      groups: demo.dataset.groups(),
      now: view.at,
    });

    // the dataset has activity today, so "today" figures are not trivially zero
    expect(expected.totals.repliesToday).toBeGreaterThan(0);
    expect(expected.totals.open).toBeGreaterThan(0);

    expect(comparable(view.totals)).toEqual(comparable(expected.totals));
    expect(new Map(view.groups.map((g) => [g.name ?? '', comparable(g)]))).toEqual(new Map([...expected.groups].map(([k, v]) => [k, comparable(v)])));
    expect(new Map(view.channels.map((c) => [c.channel, comparable(c)]))).toEqual(new Map([...expected.channels].map(([k, v]) => [k, comparable(v)])));

    // agents: every active agent listed, with their load and replies today
    const active = agents.filter((a) => a.active && !a.suspended);
    expect(view.agents.map((a) => a.email).sort()).toEqual(active.map((a) => a.email).sort());
    for (const agent of view.agents) {
      const truth = expected.agents.get(agent.email!) ?? { openAssigned: 0, repliesToday: 0 };
      expect({ email: agent.email, openAssigned: agent.openAssigned, repliesToday: agent.repliesToday }).toEqual({ email: agent.email, ...truth });
    }
    expect(view.agents.filter((a) => a.me).map((a) => a.email)).toEqual([DEMO_AGENT_EMAIL]);
    // no presence configured here: status unknown
    expect(new Set(view.agents.map((a) => a.status))).toEqual(new Set(['unknown']));

    // volume by hour: new cases per channel, 24 buckets
    expect(view.volume.hours).toHaveLength(24);
    expect(new Map(Object.entries(view.volume.byChannel))).toEqual(expected.volume);

    // SLA figures: not available until SLA clocks exist
    if (!view.slaAvailable) {
      expect(view.totals.atRisk).toBeNull();
      expect(view.sla.available).toBe(false);
    }
  });

  it('says who may supervise: the demo\'s own agent is an agent, not an admin', async () => {
    expect(await core.call('supervisor:access', {})).toEqual({ role: 'agent', supervisor: false });
  });
});
