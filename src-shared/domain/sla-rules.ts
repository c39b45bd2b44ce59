// The SLA rules, defined once (docs/sla.md "Clocks and pauses"): which policy applies to a case,
// and its clocks from the case's record — when it was created, who wrote what when, and its status
// history. Pure: core computes the clocks it stores with it (from the cache, with the agent's
// queued actions folded in), the demo helpdesk emits its SLA events from it, and tests use it as
// the oracle ("the clocks the helpdesk's record gives").

import type { CasePriority, CaseStatus } from './case-fields';
import type { ChannelKind } from './channels';
import {
  caseClocks,
  computeClock,
  DEFAULT_PAUSES,
  pauseIntervals,
  ruleFor,
  solvedAt,
  type BusinessSchedule,
  type ComputedClock,
  type SlaCaseFacts,
  type SlaClockTarget,
  type SlaPauseRules,
  type SlaTargetRule,
} from './sla-clock';

// --- the record ---------------------------------------------------------------------------------

/** Who wrote a message, as the rules see it. */
export type SlaAuthor = 'agent' | 'customer' | 'system';

/** One message of a case's thread. */
export interface SlaThreadEntry {
  at: number;
  author: SlaAuthor;
  public: boolean;
}

/** What the clocks of a case depend on: the helpdesk's record of it (or ours, with queued actions). */
export interface SlaCaseRecord {
  createdAt: number;
  status: CaseStatus;
  /** Status changes, oldest first; before the first the case was 'new'. The last is the current status. */
  statusHistory: readonly { at: number; status: CaseStatus }[];
  /** The thread in any order. */
  thread: readonly SlaThreadEntry[];
}

const isAgentReply = (m: SlaThreadEntry) => m.author === 'agent' && m.public;

/**
 * The facts of a case:
 * - first and last public agent reply (an internal note is no reply);
 * - `waitingSince`: the first customer message after the last public agent reply (the customer's
 *   first message when nobody has replied), null when nobody waits.
 */
export function slaFactsOf(record: SlaCaseRecord): SlaCaseFacts {
  let first: number | null = null;
  let last: number | null = null;
  for (const m of record.thread) {
    if (!isAgentReply(m)) continue;
    if (first === null || m.at < first) first = m.at;
    if (last === null || m.at > last) last = m.at;
  }
  let waitingSince: number | null = null;
  for (const m of record.thread) {
    if (m.author !== 'customer' || m.at <= (last ?? 0)) continue;
    if (waitingSince === null || m.at < waitingSince) waitingSince = m.at;
  }
  return { createdAt: record.createdAt, firstAgentReplyAt: first, lastAgentReplyAt: last, waitingSince, status: record.status, statusHistory: record.statusHistory };
}

// --- which policy ---------------------------------------------------------------------------------

/** A condition of a policy's filter, Zendesk style (docs/sla.md lists the fields understood). */
export interface SlaCondition {
  field: string;
  operator: string;
  value: string | number | boolean | null | string[];
}

/** Which cases a policy applies to: every `all` condition and (when there are any) one `any` condition. */
export interface SlaFilter {
  all: SlaCondition[];
  any: SlaCondition[];
}

/** What a policy filter can look at. */
export interface SlaMatchFacts {
  accountId: number;
  priority: CasePriority | null;
  channel: ChannelKind;
  status: CaseStatus;
  type: string | null;
  groupRemoteId: string | null;
  organizationRemoteId: string | null;
  tags: readonly string[];
}

/** What the rules need of a policy (SlaPolicyView has it all). */
export interface SlaPolicyRules {
  id: number;
  /** null: a local policy (every account). */
  accountId: number | null;
  remoteId: string | null;
  filter: SlaFilter;
  targets: readonly SlaTargetRule[];
  schedule: BusinessSchedule | null;
  resolutionPauses: readonly CaseStatus[];
}

function asList(value: SlaCondition['value']): string[] {
  if (Array.isArray(value)) return value.map((v) => v.toLowerCase());
  if (value === null) return [];
  return String(value).toLowerCase().split(/\s+/).filter((v) => v !== '');
}

/** One condition; fields and operators not understood never match (docs/sla.md). */
export function conditionMatches(condition: SlaCondition, facts: SlaMatchFacts): boolean {
  return conditionVerdict(condition, facts) === true;
}

/** One condition: true or false, or null when its field or operator is not understood here. */
function conditionVerdict(condition: SlaCondition, facts: SlaMatchFacts): boolean | null {
  const is = (actual: string | null): boolean | null => {
    const expected = condition.value === null ? null : String(condition.value).toLowerCase();
    if (condition.operator === 'is') return actual === expected;
    if (condition.operator === 'is_not') return actual !== expected;
    return null;
  };
  let result: boolean | null = null;
  switch (condition.field) {
    case 'priority':
      result = is(facts.priority);
      break;
    case 'channel':
    case 'via':
      result = is(facts.channel);
      break;
    case 'status':
      result = is(facts.status);
      break;
    case 'type':
    case 'ticket_type_id':
      result = is(facts.type);
      break;
    case 'group_id':
      result = is(facts.groupRemoteId);
      break;
    case 'organization_id':
      result = is(facts.organizationRemoteId);
      break;
    case 'tags':
    case 'current_tags': {
      const wanted = asList(condition.value);
      const tags = facts.tags.map((t) => t.toLowerCase());
      if (condition.operator === 'includes') result = wanted.some((w) => tags.includes(w));
      else if (condition.operator === 'not_includes') result = !wanted.some((w) => tags.includes(w));
      break;
    }
  }
  return result;
}

/**
 * Whether a filter may match: nothing it says that we can read contradicts the facts (conditions
 * we cannot read are left open). The helpdesk's applied policy is kept only while this holds.
 */
export function filterMayMatch(filter: SlaFilter, facts: SlaMatchFacts): boolean {
  // A channel we could not map ('other') is unknown here, not different.
  const open = (c: SlaCondition) => (facts.channel === 'other' && (c.field === 'channel' || c.field === 'via' || c.field === 'via_id')) || conditionVerdict(c, facts) !== false;
  return filter.all.every(open) && (filter.any.length === 0 || filter.any.some(open));
}

export function filterMatches(filter: SlaFilter, facts: SlaMatchFacts): boolean {
  return filter.all.every((c) => conditionMatches(c, facts)) && (filter.any.length === 0 || filter.any.some((c) => conditionMatches(c, facts)));
}

/**
 * The policy of a case among the active `policies`, in the order they are tried (position, then
 * id): the first whose filter matches, among its own account's and the local ones (Zendesk's
 * rule). When the helpdesk said which of its policies it applied (`appliedRemoteId`, from its SLA
 * events) that one is used instead — it knows fields our filters cannot read — unless a local
 * policy, the agent's own choice, comes first.
 */
export function policyFor<P extends SlaPolicyRules>(policies: readonly P[], facts: SlaMatchFacts, appliedRemoteId: string | null = null): P | null {
  let matched: P | null = null;
  for (const policy of policies) {
    if (policy.accountId !== null && policy.accountId !== facts.accountId) continue;
    if (filterMatches(policy.filter, facts)) {
      matched = policy;
      break;
    }
  }
  if (appliedRemoteId === null || (matched !== null && matched.accountId === null)) return matched;
  // The helpdesk's choice may be older than the case's fields (a priority changed since, its events
  // not exported yet): kept only while what we can read of its filter still holds.
  const applied = policies.find((p) => p.accountId === facts.accountId && p.remoteId === appliedRemoteId);
  return applied && filterMayMatch(applied.filter, facts) ? applied : matched;
}

/** The clock context of a case under a policy. */
function contextOf(policy: SlaPolicyRules, fields: Pick<SlaMatchFacts, 'priority' | 'channel'>) {
  const pauses: SlaPauseRules = { nextReply: DEFAULT_PAUSES.nextReply, resolution: policy.resolutionPauses };
  return { priority: fields.priority, channel: fields.channel, rules: policy.targets, schedule: policy.schedule, pauses };
}

/**
 * The oracle: the clocks of a case from its record and fields under the active policies (null when
 * no policy applies). What core stores for a case equals this for the same record.
 */
export function slaClocksOf<P extends SlaPolicyRules>(
  record: SlaCaseRecord,
  fields: SlaMatchFacts,
  policies: readonly P[],
  appliedRemoteId: string | null = null,
): { policy: P; clocks: ComputedClock[] } | null {
  const policy = policyFor(policies, fields, appliedRemoteId);
  if (!policy) return null;
  return { policy, clocks: caseClocks(slaFactsOf(record), contextOf(policy, fields)) };
}

// --- every instance of every clock (what the helpdesk reports as metric events) ------------------

/** One run of a clock: the first reply, each wait for a next reply, the resolution. */
export interface SlaClockInstance {
  target: SlaClockTarget;
  /** 1 for first reply and resolution; next replies count on from 2 (Zendesk's reply_time instances). */
  instance: number;
  start: number;
  /** When it was fulfilled (null: still running or paused). */
  stop: number | null;
  /** Pauses within the run, [from, to) (to = Infinity while ongoing). */
  pauses: [number, number][];
  clock: ComputedClock;
  minutes: number;
  businessHours: boolean;
}

/**
 * Every clock instance of a case under a policy, oldest first: first reply (from creation to the
 * first public agent reply, or the solve), each next reply (from the first customer message after
 * a public agent reply to the next public agent reply, or the current solve; pausing while
 * pending or on hold), and resolution (from creation to the current solve). The last next reply instance of an
 * unsolved case is the one `caseClocks` times.
 */
export function slaClockInstances(record: SlaCaseRecord, fields: Pick<SlaMatchFacts, 'priority' | 'channel'>, policy: SlaPolicyRules): SlaClockInstance[] {
  const context = contextOf(policy, fields);
  const facts = slaFactsOf(record);
  const out: SlaClockInstance[] = [];
  const measure = (rule: SlaTargetRule) => ({ businessHours: rule.businessHours, schedule: context.schedule });
  const clip = (pauses: [number, number][], start: number, stop: number | null): [number, number][] =>
    pauses.filter(([s, e]) => e > start && (stop === null || s < stop)).map(([s, e]): [number, number] => [Math.max(s, start), stop === null ? e : Math.min(e, stop)]);

  const first = ruleFor(context.rules, 'first_reply', context.priority, context.channel);
  if (first) {
    const stop = facts.firstAgentReplyAt ?? solvedAt(facts);
    out.push({ target: 'first_reply', instance: 1, start: record.createdAt, stop, pauses: [], clock: computeClock('first_reply', record.createdAt, stop, first.minutes, [], measure(first)), minutes: first.minutes, businessHours: first.businessHours });
  }
  const next = ruleFor(context.rules, 'next_reply', context.priority, context.channel);
  if (next) {
    const pauses = pauseIntervals(record.statusHistory, context.pauses.nextReply);
    // Oldest first; at the same instant a reply comes before the customer message it answers.
    const thread = [...record.thread].sort((a, b) => a.at - b.at || Number(isAgentReply(b)) - Number(isAgentReply(a)));
    let instance = 1;
    let lastReply: number | null = null;
    let waitingSince: number | null = null;
    const close = (stop: number | null) => {
      if (waitingSince === null) return;
      const clipped = clip(pauses, waitingSince, stop);
      out.push({ target: 'next_reply', instance: ++instance, start: waitingSince, stop, pauses: clipped, clock: computeClock('next_reply', waitingSince, stop, next.minutes, clipped, measure(next)), minutes: next.minutes, businessHours: next.businessHours });
      waitingSince = null;
    };
    for (const m of thread) {
      if (isAgentReply(m)) {
        close(m.at);
        lastReply = m.at;
      } else if (m.author === 'customer' && lastReply !== null && waitingSince === null && m.at > lastReply) {
        waitingSince = m.at;
      }
    }
    // The wait still open ends with the current solve (a solved case has no next reply to give).
    const solved = solvedAt(facts);
    close(solved === null || waitingSince === null ? solved : Math.max(solved, waitingSince));
  }
  const resolution = ruleFor(context.rules, 'resolution', context.priority, context.channel);
  if (resolution) {
    const stop = solvedAt(facts);
    const pauses = clip(pauseIntervals(record.statusHistory, context.pauses.resolution), record.createdAt, stop);
    out.push({ target: 'resolution', instance: 1, start: record.createdAt, stop, pauses, clock: computeClock('resolution', record.createdAt, stop, resolution.minutes, pauses, measure(resolution)), minutes: resolution.minutes, businessHours: resolution.businessHours });
  }
  return out;
}
