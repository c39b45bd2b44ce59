import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { SlaService } from '../../../../src-main/core/services/sla-service';
import { localMidnight, median, SupervisorService, type SupervisorSlaSource } from '../../../../src-main/core/services/supervisor-service';
import { supervisorSlaSource } from '../../../../src-main/core/services/supervisor-sla';
import type { PresenceView } from '../../../../src-shared/contract/models';

const HOUR = 3_600_000;
// 14:30 local time on a fixed day
const NOW = new Date(2026, 10, 23, 14, 30, 0).getTime();
const TODAY = localMidnight(NOW);

function seed(): Db {
  const db = openDatabase({ path: ':memory:' });
  db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, me_remote_id, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', '10', 'ok', 0)").run();
  db.prepare("INSERT INTO groups (id, account_id, remote_id, name) VALUES (1, 1, 'g1', 'Billing'), (2, 1, 'g2', 'Shipping')").run();
  db.prepare(
    "INSERT INTO agents (id, account_id, remote_id, name, email, role, active) VALUES (10, 1, '10', 'Me', 'me@x', 'admin', 1), (11, 1, '11', 'Ana', 'Ana@X', 'agent', 1), (12, 1, '12', 'Gone', 'gone@x', 'agent', 0)",
  ).run();
  const c = db.prepare(
    'INSERT INTO cases (id, account_id, remote_id, channel, subject, status, queue, assignee_id, group_id, csat, created_at, updated_at, waiting_since) VALUES (@id, 1, @id, @channel, @subject, @status, @queue, @assignee, @group, @csat, @created, @updated, @waiting)',
  );
  const base = { csat: null, waiting: null, assignee: null, group: 1, subject: 's', status: 'open', queue: 'open' };
  c.run({ ...base, id: 1, channel: 'email', created: TODAY - 30 * HOUR, updated: TODAY - 30 * HOUR, waiting: TODAY - 30 * HOUR }); // open, unassigned, old
  c.run({ ...base, id: 2, channel: 'chat', assignee: 11, created: TODAY + 2 * HOUR, updated: TODAY + 3 * HOUR, waiting: TODAY + 2 * HOUR }); // created today
  c.run({ ...base, id: 3, channel: 'email', assignee: 10, group: 2, status: 'pending', queue: 'pending', created: TODAY + 1 * HOUR, updated: TODAY + 5 * HOUR }); // created today
  c.run({ ...base, id: 4, channel: 'email', assignee: 11, group: null, status: 'solved', queue: 'solved', csat: 'good', created: TODAY - 50 * HOUR, updated: TODAY + 6 * HOUR });
  c.run({ ...base, id: 5, channel: 'chat', assignee: 11, status: 'solved', queue: 'solved', csat: 'bad', created: TODAY - 60 * HOUR, updated: TODAY - HOUR }); // rated yesterday
  c.run({ ...base, id: 6, channel: 'web', status: 'new', queue: 'open', group: null, created: NOW - 10 * 60_000, updated: NOW - 10 * 60_000, waiting: NOW - 10 * 60_000 });
  const m = db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, author_remote_id, channel, public, body_text, created_at) VALUES (1, @rid, @case, @kind, @author, 'email', @public, 'x', @at)");
  m.run({ rid: 'a', case: 2, kind: 'agent', author: '11', public: 1, at: TODAY + 2 * HOUR + 20 * 60_000 }); // first reply 20 min
  m.run({ rid: 'b', case: 2, kind: 'agent', author: '11', public: 0, at: TODAY + 2 * HOUR + 5 * 60_000 }); // internal note: not a reply
  m.run({ rid: 'c', case: 3, kind: 'agent', author: '10', public: 1, at: TODAY + 2 * HOUR }); // first reply 60 min
  m.run({ rid: 'd', case: 3, kind: 'agent', author: '10', public: 1, at: TODAY + 3 * HOUR });
  m.run({ rid: 'e', case: 1, kind: 'agent', author: '10', public: 1, at: TODAY - 2 * HOUR }); // yesterday: not today
  m.run({ rid: 'f', case: 4, kind: 'agent', author: '12', public: 1, at: TODAY + 4 * HOUR }); // an inactive agent's reply counts in the queue
  m.run({ rid: 'g', case: 2, kind: 'customer', author: '99', public: 1, at: TODAY + 2 * HOUR + 30 * 60_000 });
  return db;
}

const presence: PresenceView = {
  configured: true,
  connection: { state: 'connected', error: null, nextRetryAt: null },
  me: { agentId: 'me@x', name: 'Me', status: 'away', currentCaseId: null, cases: [] },
  agents: [{ agentId: 'ana@x', name: 'Ana', status: 'available', currentCaseId: 2, at: NOW }],
  cases: {},
};

describe('SupervisorService', () => {
  it('computes the queue, channel and agent figures from the cache', () => {
    const db = seed();
    const view = new SupervisorService(db, { myAgentIds: () => [10], presence: () => presence }).get(NOW);
    expect(view.todayStart).toBe(TODAY);
    expect(view.slaAvailable).toBe(false);
    expect(view.totals).toEqual({
      open: 4,
      unassigned: 2,
      oldestWaitingSince: TODAY - 30 * HOUR,
      atRisk: null,
      breached: null,
      repliesToday: 4,
      medianFirstReplyMs: 40 * 60_000,
      firstRepliesToday: 2,
      csatGood: 1,
      csatBad: 0,
    });
    expect(view.groups.map((g) => [g.name, g.open, g.unassigned, g.repliesToday])).toEqual([
      ['Billing', 2, 1, 1],
      ['Shipping', 1, 0, 2],
      [null, 1, 1, 1],
    ]);
    expect(view.channels.map((c) => [c.channel, c.open, c.repliesToday, c.csatGood, c.medianFirstReplyMs])).toEqual([
      ['email', 2, 3, 1, 60 * 60_000],
      ['web', 1, 0, 0, null],
      ['chat', 1, 1, 0, 20 * 60_000],
    ]);
    expect(view.agents.map((a) => [a.name, a.status, a.currentCase?.id ?? null, a.openAssigned, a.repliesToday, a.me])).toEqual([
      ['Ana', 'available', 2, 1, 1, false],
      ['Me', 'away', null, 1, 2, true],
    ]);
    expect(view.viewer).toEqual({ role: 'admin', supervisor: true });
  });

  it('buckets new cases per hour over the last 24 hours, the current hour last', () => {
    const view = new SupervisorService(seed(), { myAgentIds: () => [] }).get(NOW);
    expect(view.volume.hours).toHaveLength(24);
    expect(view.volume.hours[23]).toBe(Math.floor(NOW / HOUR) * HOUR);
    const at = (ms: number) => view.volume.hours.findIndex((h) => h <= ms && ms < h + HOUR);
    expect(view.volume.byChannel.web?.[at(NOW - 10 * 60_000)]).toBe(1);
    expect(view.volume.byChannel.chat?.[at(TODAY + 2 * HOUR)]).toBe(1);
    expect(view.volume.byChannel.email?.reduce((a, b) => a + b, 0)).toBe(1); // case 1 is 30 h old
  });

  it('takes at risk / breached and compliance from the SLA source once it has data', () => {
    const sla: SupervisorSlaSource = {
      counts: () => ({ byGroup: new Map([[1, { atRisk: 2, breached: 1 }], [null, { atRisk: 0, breached: 3 }]]), byChannel: new Map([['email', { atRisk: 2, breached: 4 }]]) }),
      compliance: () => ({ met: 9, breached: 1 }),
    };
    const view = new SupervisorService(seed(), { myAgentIds: () => [], sla }).get(NOW);
    expect(view.slaAvailable).toBe(true);
    expect([view.totals.atRisk, view.totals.breached]).toEqual([2, 4]);
    expect(view.groups.map((g) => [g.name, g.atRisk, g.breached])).toEqual([
      ['Billing', 2, 1],
      ['Shipping', 0, 0],
      [null, 0, 3],
    ]);
    expect(view.channels.find((c) => c.channel === 'email')).toMatchObject({ atRisk: 2, breached: 4 });
    expect(view.channels.find((c) => c.channel === 'web')).toMatchObject({ atRisk: 0, breached: 0 });
    expect(view.sla).toEqual({ available: true, met: 9, breached: 1 });
  });

  it('says an agent without the admin role is no supervisor', () => {
    const db = seed();
    expect(new SupervisorService(db, { myAgentIds: () => [11] }).access()).toEqual({ role: 'agent', supervisor: false });
    expect(new SupervisorService(db, { myAgentIds: () => [] }).access()).toEqual({ role: null, supervisor: false });
  });

  it('medians: middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(4 - 0.5 + 0.5);
  });
});

describe('the SLA adapter', () => {
  it('is not available without an SLA policy, then counts at risk / breached and today\'s compliance from the stored clocks', () => {
    const db = seed();
    const sla = new SlaService(db);
    const source = supervisorSlaSource(db, sla);
    expect(source.counts(NOW)).toBeNull();
    expect(source.compliance(TODAY, NOW)).toBeNull();

    db.prepare("INSERT INTO sla_policies (title, updated_at) VALUES ('p', 0)").run();
    const clocks = (c: { t: string; ph: string; d: number | null; r: number | null }[]) => JSON.stringify({ p: 1, c });
    const set = db.prepare('UPDATE cases SET sla_json = ?, sla_next_due_at = ?, sla_next_at_risk_at = ? WHERE id = ?');
    set.run(clocks([{ t: 'first_reply', ph: 'running', d: NOW - HOUR, r: NOW - 2 * HOUR }]), NOW - HOUR, NOW - 2 * HOUR, 1); // breached (came due today)
    set.run(clocks([{ t: 'first_reply', ph: 'met', d: TODAY + 4 * HOUR, r: null }, { t: 'next_reply', ph: 'running', d: NOW + 10 * 60_000, r: NOW - 60_000 }]), NOW + 10 * 60_000, NOW - 60_000, 2); // met today; at risk now
    set.run(clocks([{ t: 'first_reply', ph: 'missed', d: TODAY + 1.5 * HOUR, r: null }]), null, null, 3); // missed today
    set.run(clocks([{ t: 'resolution', ph: 'met', d: TODAY - 5 * HOUR, r: null }]), null, null, 4); // due yesterday: not today

    const counts = source.counts(NOW)!;
    expect(counts.byGroup.get(1)).toEqual({ atRisk: 1, breached: 1 });
    expect(counts.byChannel.get('chat')).toEqual({ atRisk: 1, breached: 0 });
    expect(source.compliance(TODAY, NOW)).toEqual({ met: 1, breached: 2 });
  });
});
