import { describe, expect, it } from 'vitest';
import type { RecordedAudit } from '../../helpers/shift-sim/helpdesk-record';
import { landingsOf, landingViolations, overwriteViolations } from '../../helpers/shift-sim/invariants';
import type { ToldAction } from '../../helpers/shift-sim/ledger';
import { factsOf, policyOf } from '../../helpers/shift-sim/sla-oracle';

// The shift simulation's checks on their own: each flags what it must and nothing else, so a green
// simulation means the invariants held, not that the checks looked away.

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (s: number) => T0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString().replace('.000Z', 'Z');
const ME = 1;
const TEAMMATE = 2;
const CUSTOMER = 50;

function audit(id: number, s: number, over: Partial<RecordedAudit> = {}): RecordedAudit {
  return { id, at: at(s), authorId: TEAMMATE, actionId: null, comment: null, changes: new Map(), ...over };
}
const change = (field: string, previous: unknown, value: unknown) => new Map([[field, { previous, value, create: false }]]);

function told(id: string, over: Partial<ToldAction> = {}): ToldAction {
  return { id, caseId: 1, ticketId: 7, intent: { status: 'pending' }, via: 'act', step: 1, shown: { version: iso(10), commentIds: new Set() }, seenStates: new Set(), decisions: [], discarded: false, ...over };
}

function check(actions: ToldAction[], audits: RecordedAudit[], options: { visible?: string[]; lost?: number; rows?: Record<string, { state: string; auditInAnswer: boolean }> } = {}) {
  const records = new Map([[7, audits]]);
  const landings = landingsOf(records);
  const toldMap = new Map(actions.map((a) => [a.id, a]));
  return {
    landing: landingViolations({ told: toldMap, landings, visibleAtEnd: new Set(options.visible ?? []), outboxRow: (id) => options.rows?.[id], lostActions: options.lost ?? 0 }).map((v) => v.invariant),
    overwrite: overwriteViolations({ told: toldMap, landings, records, meAgentId: ME, liveSince: at(0), isAgent: (id) => id < CUSTOMER }).map((v) => v.invariant),
  };
}

describe('shift simulation checks: landing', () => {
  it('passes an action that landed once, and flags one that landed twice', () => {
    const mine = (id: number, s: number) => audit(id, s, { authorId: ME, actionId: 'a', changes: change('status', 'open', 'pending') });
    expect(check([told('a')], [audit(1, 10), mine(2, 20)]).landing).toEqual([]);
    expect(check([told('a')], [audit(1, 10), mine(2, 20), mine(3, 21)]).landing).toEqual(['exactly-once']);
  });

  it('flags an action dropped without a trace, and passes one still failed in the outbox or discarded after it showed', () => {
    expect(check([told('a')], [audit(1, 10)]).landing).toEqual(['exactly-once']);
    expect(check([told('a', { seenStates: new Set(['failed']) })], [audit(1, 10)], { visible: ['a'] }).landing).toEqual([]);
    expect(check([told('a', { seenStates: new Set(['conflict']), discarded: true })], [audit(1, 10)]).landing).toEqual([]);
    expect(check([told('a', { discarded: true })], [audit(1, 10)]).landing).toEqual(['exactly-once']);
  });

  it('takes an update the helpdesk already had as landed only when its answer named no audit', () => {
    expect(check([told('a')], [], { rows: { a: { state: 'sent', auditInAnswer: false } } }).landing).toEqual([]);
    expect(check([told('a')], [], { rows: { a: { state: 'sent', auditInAnswer: true } } }).landing).toEqual(['exactly-once']);
    expect(check([told('a', { intent: { comment: { body: 'x', public: true } } })], [], { rows: { a: { state: 'sent', auditInAnswer: false } } }).landing).toEqual(['exactly-once']);
  });

  it('flags a discarded action that landed, and more unasked landings than crashed calls', () => {
    const landed = audit(2, 20, { authorId: ME, actionId: 'a' });
    expect(check([told('a', { discarded: true, seenStates: new Set(['conflict']) })], [landed]).landing).toEqual(['exactly-once']);
    expect(check([], [landed], { lost: 1 }).landing).toEqual([]);
    expect(check([], [landed], { lost: 0 }).landing).toEqual(['nothing-unasked']);
  });
});

describe('shift simulation checks: no unseen overwrite', () => {
  const teammateSolves = audit(1, 15, { changes: change('status', 'open', 'solved') });
  const minePending = audit(2, 20, { authorId: ME, actionId: 'a', changes: change('status', 'solved', 'pending') });

  it('flags a status set over a teammate change made after the version the agent saw', () => {
    expect(check([told('a')], [teammateSolves, minePending]).overwrite).toEqual(['no-unseen-overwrite']);
  });

  it('passes it when the agent saw that change (at queueing, or in the conflict it decided on)', () => {
    expect(check([told('a', { shown: { version: iso(15), commentIds: new Set() } })], [teammateSolves, minePending]).overwrite).toEqual([]);
    const decided = told('a', { decisions: [{ step: 3, state: 'conflict', choice: 'apply-anyway', shown: { version: iso(15), commentIds: new Set() } }] });
    expect(check([decided], [teammateSolves, minePending]).overwrite).toEqual([]);
  });

  it('passes a change of another field than the teammate changed', () => {
    const minePriority = audit(2, 20, { authorId: ME, actionId: 'a', changes: change('priority', 'normal', 'high') });
    expect(check([told('a', { intent: { priority: 'high' } })], [teammateSolves, minePriority]).overwrite).toEqual([]);
  });

  it('flags a reply landing after a comment written during the shift that the thread shown did not have', () => {
    const customer = audit(1, 12, { authorId: CUSTOMER, comment: { id: '900', authorId: CUSTOMER, public: true, at: at(12) } });
    const reply = audit(2, 20, { authorId: ME, actionId: 'r', comment: { id: '901', authorId: ME, public: true, at: at(20) } });
    const replying = (ids: string[]) => told('r', { intent: { comment: { body: 'hi', public: true } }, shown: { version: iso(12), commentIds: new Set(ids) } });
    expect(check([replying([])], [customer, reply]).overwrite).toEqual(['no-unseen-overwrite']);
    expect(check([replying(['900'])], [customer, reply]).overwrite).toEqual([]);
    const note = told('r', { intent: { comment: { body: 'hi', public: false } }, shown: { version: iso(12), commentIds: new Set() } });
    expect(check([note], [customer, reply]).overwrite).toEqual([]);
  });
});

describe('shift simulation checks: the SLA oracle', () => {
  const policies = [
    { position: 1, all: [], any: [{ field: 'via_id', operator: 'is', value: 29 }, { field: 'via', operator: 'is', value: 'native_messaging' }], metrics: [{ priority: 'high', metric: 'first_reply_time', target: 5, business_hours: false }, { priority: 'high', metric: 'requester_wait_time', target: 480, business_hours: false }] },
    { position: 2, all: [], any: [{ field: 'priority', operator: 'is', value: 'high' }], metrics: [{ priority: 'high', metric: 'first_reply_time', target: 60, business_hours: false }, { priority: 'high', metric: 'next_reply_time', target: 240, business_hours: false }, { priority: 'high', metric: 'agent_work_time', target: 1440, business_hours: false }] },
  ];

  it('picks the policy the helpdesk would: by via (a via id too), then by priority, none without a match', () => {
    expect(policyOf(policies, { priority: 'high', viaType: 'chat' })?.rules.map((r) => `${r.target} ${r.minutes}`)).toEqual(['first_reply 5', 'resolution 480']);
    expect(policyOf(policies, { priority: 'high', viaType: 'chat' })?.resolutionPauses).toEqual(['pending']);
    expect(policyOf(policies, { priority: 'high', viaType: 'email' })?.resolutionPauses).toEqual(['pending', 'hold']);
    expect(policyOf(policies, { priority: null, viaType: 'email' })).toBeNull();
  });

  it('takes the facts from the audits: public agent replies, the customer waiting after the last one, status events', () => {
    const audits = [
      audit(1, 0, { authorId: CUSTOMER, comment: { id: '1', authorId: CUSTOMER, public: true, at: at(0) }, changes: new Map([['status', { previous: undefined, value: 'new', create: true }]]) }),
      audit(2, 60, { authorId: TEAMMATE, comment: { id: '2', authorId: TEAMMATE, public: false, at: at(60) } }),
      audit(3, 120, { authorId: ME, comment: { id: '3', authorId: ME, public: true, at: at(120) }, changes: change('status', 'new', 'pending') }),
      audit(4, 180, { authorId: CUSTOMER, comment: { id: '4', authorId: CUSTOMER, public: true, at: at(180) }, changes: change('status', 'pending', 'open') }),
    ];
    const facts = factsOf({ created_at: new Date(at(0)).toISOString(), status: 'open', priority: 'high', via: { channel: 'email' } }, audits, (id) => id < CUSTOMER);
    expect(facts).toEqual({
      createdAt: at(0),
      firstAgentReplyAt: at(120),
      lastAgentReplyAt: at(120),
      waitingSince: at(180),
      status: 'open',
      statusHistory: [
        { at: at(0), status: 'new' },
        { at: at(120), status: 'pending' },
        { at: at(180), status: 'open' },
      ],
    });
  });
});
