import { describe, expect, it } from 'vitest';
import { caseClocks, type BusinessSchedule, type SlaTargetRule } from '../../../src-shared/domain/sla-clock';
import { policyFor, slaClockInstances, slaClocksOf, slaFactsOf, type SlaCaseRecord, type SlaMatchFacts, type SlaPolicyRules, type SlaThreadEntry } from '../../../src-shared/domain/sla-rules';
import { helpdeskVerdict, slaDisagreements, type SlaMetricEvent } from '../../../src-shared/domain/sla-verdict';

// The SLA rules defined once (docs/sla.md): facts from a case's record, which policy applies, every
// run of every clock, and the helpdesk's verdict against ours. Worked examples with the numbers
// written out, like the clock math's own tests.

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 16, 8); // Monday 16 Nov 2026, 09:00 in Berlin

const customer = (at: number): SlaThreadEntry => ({ at, author: 'customer', public: true });
const reply = (at: number): SlaThreadEntry => ({ at, author: 'agent', public: true });
const note = (at: number): SlaThreadEntry => ({ at, author: 'agent', public: false });

const record = (thread: SlaThreadEntry[], statusHistory: SlaCaseRecord['statusHistory'] = [{ at: T0, status: 'open' }]): SlaCaseRecord => ({
  createdAt: T0,
  status: statusHistory.at(-1)!.status,
  statusHistory,
  thread,
});

const rules = (first: number, next: number, resolution: number): SlaTargetRule[] => [
  { target: 'first_reply', priority: 'high', minutes: first, businessHours: false },
  { target: 'next_reply', priority: 'high', minutes: next, businessHours: false },
  { target: 'resolution', priority: 'high', minutes: resolution, businessHours: false },
];
const policy = (id: number, over: Partial<SlaPolicyRules> = {}): SlaPolicyRules => ({
  id,
  accountId: 1,
  remoteId: String(500 + id),
  filter: { all: [], any: [{ field: 'priority', operator: 'is', value: 'high' }] },
  targets: rules(60, 240, 1440),
  schedule: null,
  resolutionPauses: ['pending', 'hold'],
  ...over,
});
const fields = (over: Partial<SlaMatchFacts> = {}): SlaMatchFacts => ({
  accountId: 1, priority: 'high', channel: 'email', status: 'open', type: null, groupRemoteId: null, organizationRemoteId: null, tags: [], ...over,
});

describe('facts from the record', () => {
  it('counts public agent replies, never notes, and waits from the first customer message after the last reply', () => {
    expect(slaFactsOf(record([customer(T0), note(T0 + 5 * MIN), customer(T0 + 10 * MIN)]))).toMatchObject({ firstAgentReplyAt: null, lastAgentReplyAt: null, waitingSince: T0 });
    const facts = slaFactsOf(record([customer(T0), reply(T0 + 20 * MIN), customer(T0 + HOUR), customer(T0 + 2 * HOUR), note(T0 + 3 * HOUR)]));
    expect(facts).toMatchObject({ firstAgentReplyAt: T0 + 20 * MIN, lastAgentReplyAt: T0 + 20 * MIN, waitingSince: T0 + HOUR });
    // Thread order does not matter; a customer message at the very second of the reply is answered by it.
    expect(slaFactsOf(record([reply(T0 + HOUR), customer(T0 + HOUR), customer(T0)]))).toMatchObject({ firstAgentReplyAt: T0 + HOUR, waitingSince: null });
  });
});

describe('which policy applies', () => {
  const chat = policy(1, { filter: { all: [], any: [{ field: 'channel', operator: 'is', value: 'chat' }] }, targets: rules(5, 10, 240) });
  const high = policy(2);
  const local = policy(3, { accountId: null, remoteId: null, filter: { all: [{ field: 'tags', operator: 'includes', value: 'vip' }], any: [] }, targets: rules(15, 30, 120) });

  it('takes the first match in order, its own account’s or a local one', () => {
    expect(policyFor([chat, high], fields({ channel: 'chat' }))?.id).toBe(1);
    expect(policyFor([chat, high], fields())?.id).toBe(2);
    expect(policyFor([chat, high], fields({ accountId: 2 }))).toBeNull();
    expect(policyFor([local, chat, high], fields({ tags: ['vip'] }))?.id).toBe(3);
  });

  it('follows the policy the helpdesk says it applied, unless a local policy comes first', () => {
    // The helpdesk knows the ticket came by messaging (a via id we cannot map): it applied the chat policy.
    expect(policyFor([chat, high], fields({ channel: 'other' }), '501')?.id).toBe(1);
    expect(policyFor([local, chat, high], fields({ tags: ['vip'] }), '501')?.id).toBe(3);
    expect(policyFor([chat, high], fields(), '999')?.id).toBe(2); // a policy we do not have: our own match
    expect(slaClocksOf(record([customer(T0)]), fields({ channel: 'other' }), [chat, high], '501')?.clocks[0]).toMatchObject({ target: 'first_reply', dueAt: T0 + 5 * MIN });
  });

  it('drops the helpdesk\'s choice once the fields we can read contradict it (its newer events not exported yet)', () => {
    const normal = policy(4, { filter: { all: [], any: [{ field: 'priority', operator: 'is', value: 'normal' }] } });
    // Applied while the case was high; the priority is normal now: the normal policy applies.
    expect(policyFor([high, normal], fields({ priority: 'normal' }), '502')?.id).toBe(4);
    expect(policyFor([high, normal], fields({ priority: 'high' }), '502')?.id).toBe(2);
  });
});

describe('every run of every clock', () => {
  const thread = [customer(T0), reply(T0 + 30 * MIN), customer(T0 + HOUR), note(T0 + 90 * MIN), reply(T0 + 6 * HOUR), customer(T0 + 7 * HOUR)];
  const history: SlaCaseRecord['statusHistory'] = [
    { at: T0, status: 'new' },
    { at: T0 + 30 * MIN, status: 'open' },
    { at: T0 + 2 * HOUR, status: 'pending' },
    { at: T0 + 4 * HOUR, status: 'open' },
  ];

  it('gives first reply, each next reply with its pauses, and resolution; the last run is the clock the case shows', () => {
    const r = record(thread, history);
    const runs = slaClockInstances(r, fields(), policy(1));
    expect(runs.map((x) => [x.target, x.instance, x.start, x.stop, x.clock.phase, x.clock.dueAt])).toEqual([
      ['first_reply', 1, T0, T0 + 30 * MIN, 'met', T0 + HOUR],
      // waited from 1 h, pending 2 h–4 h: 4 h of running time end at 7 h, the reply came at 6 h
      ['next_reply', 2, T0 + HOUR, T0 + 6 * HOUR, 'met', T0 + 7 * HOUR],
      ['next_reply', 3, T0 + 7 * HOUR, null, 'running', T0 + 11 * HOUR],
      ['resolution', 1, T0, null, 'running', T0 + 26 * HOUR],
    ]);
    expect(runs[1]!.pauses).toEqual([[T0 + 2 * HOUR, T0 + 4 * HOUR]]);
    const shown = caseClocks(slaFactsOf(r), { priority: 'high', channel: 'email', rules: rules(60, 240, 1440), schedule: null });
    for (const clock of shown) expect(runs.filter((x) => x.target === clock.target).at(-1)!.clock).toEqual(clock);
  });

  it('ends the open wait with the solve, as a solved case shows no next reply', () => {
    const solved = record(thread, [...history, { at: T0 + 8 * HOUR, status: 'solved' }]);
    const runs = slaClockInstances(solved, fields(), policy(1));
    expect(runs.filter((x) => x.target === 'next_reply').at(-1)).toMatchObject({ instance: 3, stop: T0 + 8 * HOUR, clock: { phase: 'met' } });
    expect(runs.find((x) => x.target === 'resolution')).toMatchObject({ stop: T0 + 8 * HOUR, clock: { phase: 'met' } });
    expect(caseClocks(slaFactsOf(solved), { priority: 'high', channel: 'email', rules: rules(60, 240, 1440), schedule: null }).map((c) => c.target)).toEqual(['first_reply', 'resolution']);
  });

  it('counts business hours in the policy’s schedule', () => {
    const office: BusinessSchedule = { timeZone: 'Europe/Berlin', intervals: [1, 2, 3, 4, 5].map((d) => ({ startMinute: d * 1440 + 540, endMinute: d * 1440 + 1020 })) };
    const runs = slaClockInstances(record([customer(T0 + 7 * HOUR)]), fields(), policy(1, { schedule: office, targets: [{ target: 'first_reply', priority: 'high', minutes: 120, businessHours: true }] }));
    // created Monday 09:00, 2 business hours → 11:00 Berlin
    expect(runs).toHaveLength(1);
    expect(runs[0]!.clock.dueAt).toBe(T0 + 2 * HOUR);
  });
});

describe("the helpdesk's verdict", () => {
  let n = 0;
  const ev = (metric: string, instance: number, type: string, time: number, over: Partial<SlaMetricEvent> = {}): SlaMetricEvent => ({ id: String(++n), metric, instance, type, time, deleted: false, ...over });
  const apply = (metric: string, instance: number, time: number, minutes: number) => ev(metric, instance, 'apply_sla', time, { sla: { minutes, businessHours: false, policyRemoteId: '502' } });

  it('reads each clock’s latest run: target, fulfilled, breached; a breach taken back does not count', () => {
    const events = [
      ev('reply_time', 0, 'measure', T0),
      apply('reply_time', 1, T0, 60),
      ev('reply_time', 1, 'activate', T0),
      ev('reply_time', 1, 'breach', T0 + HOUR, { deleted: true }),
      ev('reply_time', 1, 'fulfill', T0 + 30 * MIN),
      ev('reply_time', 1, 'update_status', T0 + 30 * MIN),
      apply('reply_time', 2, T0 + HOUR, 240),
      ev('reply_time', 2, 'activate', T0 + HOUR),
      ev('reply_time', 2, 'breach', T0 + 5 * HOUR),
      apply('agent_work_time', 1, T0, 1440),
      ev('agent_work_time', 1, 'activate', T0),
      ev('agent_work_time', 1, 'pause', T0 + 2 * HOUR),
      ev('requester_wait_time', 1, 'activate', T0), // measured, but no target: not an SLA clock
    ];
    const verdict = helpdeskVerdict([...events].reverse())!;
    expect(verdict.policyRemoteId).toBe('502');
    expect(verdict.clocks).toEqual([
      { target: 'first_reply', metric: 'reply_time', instance: 1, targetMinutes: 60, state: 'fulfilled', startedAt: T0, fulfilledAt: T0 + 30 * MIN, breachedAt: null },
      { target: 'next_reply', metric: 'reply_time', instance: 2, targetMinutes: 240, state: 'running', startedAt: T0 + HOUR, fulfilledAt: null, breachedAt: T0 + 5 * HOUR },
      { target: 'resolution', metric: 'agent_work_time', instance: 1, targetMinutes: 1440, state: 'paused', startedAt: T0, fulfilledAt: null, breachedAt: null },
    ]);
    expect(helpdeskVerdict([ev('reply_time', 1, 'activate', T0)])).toBeNull();
  });

  it('counts a disagreement only where the record up to `knownUntil` settles it', () => {
    const verdict = helpdeskVerdict([
      apply('reply_time', 1, T0, 60),
      ev('reply_time', 1, 'activate', T0),
      ev('reply_time', 1, 'fulfill', T0 + 30 * MIN),
      apply('agent_work_time', 1, T0, 1440),
      ev('agent_work_time', 1, 'activate', T0),
    ])!;
    const ours = [
      { target: 'first_reply' as const, phase: 'met' as const, dueAt: T0 + HOUR, stoppedAt: T0 + 30 * MIN, targetMinutes: 60 },
      { target: 'resolution' as const, phase: 'running' as const, dueAt: T0 + 24 * HOUR, targetMinutes: 1440 },
    ];
    expect(slaDisagreements(ours, verdict, T0 + 2 * HOUR, null)).toEqual([]);
    // We think first reply still runs (and so is past due): they fulfilled it in time.
    expect(slaDisagreements([{ ...ours[0]!, phase: 'running', stoppedAt: null }, ours[1]!], verdict, T0 + 2 * HOUR, null)).toEqual([
      { target: 'first_reply', kind: 'breach' },
      { target: 'first_reply', kind: 'fulfilment' },
    ]);
    expect(slaDisagreements([{ ...ours[0]!, phase: 'running', stoppedAt: null }, ours[1]!], verdict, T0 + 40 * MIN, null)).toEqual([{ target: 'first_reply', kind: 'fulfilment' }]);
    // Other minutes for the same clock.
    expect(slaDisagreements([ours[0]!, { ...ours[1]!, targetMinutes: 480 }], verdict, T0 + 2 * HOUR, null)).toEqual([{ target: 'resolution', kind: 'target' }]);
    // Our resolution is past due at knownUntil, theirs has no breach: a disagreement; not yet before it is due.
    expect(slaDisagreements(ours, verdict, T0 + 25 * HOUR, null)).toEqual([{ target: 'resolution', kind: 'breach' }]);
    expect(slaDisagreements(ours, verdict, T0 + 24 * HOUR + 30_000, null)).toEqual([]);
    // A clock they time and we do not.
    expect(slaDisagreements([ours[0]!], verdict, T0 + 2 * HOUR, null)).toEqual([{ target: 'resolution', kind: 'missing' }]);
  });

  it('compares next reply only for the same wait', () => {
    const verdict = helpdeskVerdict([apply('reply_time', 3, T0 + 7 * HOUR, 240), ev('reply_time', 3, 'activate', T0 + 7 * HOUR), ev('reply_time', 3, 'breach', T0 + 11 * HOUR)])!;
    const running = { target: 'next_reply' as const, phase: 'running' as const, dueAt: T0 + 11 * HOUR, targetMinutes: 240 };
    expect(slaDisagreements([running], verdict, T0 + 12 * HOUR, T0 + 7 * HOUR)).toEqual([]);
    expect(slaDisagreements([{ ...running, dueAt: T0 + 13 * HOUR }], verdict, T0 + 12 * HOUR, T0 + 7 * HOUR)).toEqual([{ target: 'next_reply', kind: 'breach' }]);
    // We time a newer wait than their latest run: not comparable.
    expect(slaDisagreements([{ ...running, dueAt: T0 + 13 * HOUR }], verdict, T0 + 12 * HOUR, T0 + 9 * HOUR)).toEqual([]);
  });
});
