// SLA clock math (DESIGN §8, issue 7, docs/sla.md). Pure: no I/O, no clock of its own (every
// function takes `now` or instants), so the same facts always give the same due times and clocks
// keep counting offline. Time zones come from the platform's Intl data (src-shared imports no
// libraries): a business schedule is local wall-clock time in an IANA zone, so "09:00–17:00
// Europe/Berlin" stays 09:00–17:00 local across daylight-saving changes.

import type { CasePriority, CaseStatus } from './case-fields';
import type { ChannelKind } from './channels';

export type SlaClockTarget = 'first_reply' | 'next_reply' | 'resolution';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
/** How far business-time walks look ahead before giving up (a schedule with almost no hours). */
const MAX_DAYS = 3 * 366;

/** Weekly business hours in a zone; intervals in minutes from Sunday 00:00 local (Zendesk's format). */
export interface BusinessSchedule {
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  /** [startMinute, endMinute) from Sunday 00:00 local, 0 ≤ start < end ≤ 10080; Monday 09:00 = 1980. */
  intervals: { startMinute: number; endMinute: number }[];
  /** Local dates without business hours, inclusive ranges 'YYYY-MM-DD'. */
  holidays?: { startDate: string; endDate: string }[];
}

/** One target of a policy: minutes for a priority (null: cases without priority), optionally only on one channel. */
export interface SlaTargetRule {
  target: SlaClockTarget;
  priority: CasePriority | null;
  /** Only cases on this channel; a rule with a channel wins over one without. */
  channel?: ChannelKind | null;
  minutes: number;
  businessHours: boolean;
}

/** The facts about a case a clock depends on. */
export interface SlaCaseFacts {
  createdAt: number;
  /** First public reply by an agent. */
  firstAgentReplyAt: number | null;
  /** Last public reply by an agent. */
  lastAgentReplyAt: number | null;
  /** First customer message after the last public agent reply (null: nobody waits). */
  waitingSince: number | null;
  status: CaseStatus;
  /**
   * Status changes, oldest first: the status from `at` on. Before the first entry the case was
   * 'new'. Core makes the last entry the current status (docs/sla.md: unknown history).
   */
  statusHistory: readonly { at: number; status: CaseStatus }[];
}

/** What pauses which clock (docs/sla.md). First reply never pauses. */
export interface SlaPauseRules {
  /** Next reply pauses while pending and on hold (Zendesk). */
  nextReply: readonly CaseStatus[];
  /** Resolution: per policy (agent work time: pending + hold; requester wait time: pending). */
  resolution: readonly CaseStatus[];
}

export const DEFAULT_PAUSES: SlaPauseRules = { nextReply: ['pending', 'hold'], resolution: ['pending', 'hold'] };

/**
 * A computed clock: `running` (dueAt and atRiskAt known; the state follows from now), `paused`
 * (remainingMinutes left when it resumes), `met` (done in time) or `missed` (done, but late).
 */
export interface ComputedClock {
  target: SlaClockTarget;
  phase: 'running' | 'paused' | 'met' | 'missed';
  dueAt: number | null;
  atRiskAt: number | null;
  targetMinutes: number;
  remainingMinutes: number | null;
  /** When a met or missed clock stopped (null while it runs or waits). */
  stoppedAt: number | null;
}

export type ClockState = 'ok' | 'at_risk' | 'breached' | 'paused' | 'met';

// --- time zones -------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is this an IANA zone the platform knows? */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). Zone changes fall on 15-minute marks. */
export function zoneOffset(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / (15 * MINUTE));
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const at = bucket * 15 * MINUTE;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = local - at;
  if (zone.size > 50_000) zone.clear();
  zone.set(bucket, offset);
  return offset;
}

/** The instant of a local wall-clock time (minutes may run past 24:00). In a spring-forward gap: the moment after it. */
export function localToInstant(year: number, month0: number, day: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month0, day) + minuteOfDay * MINUTE;
  // The offsets half a day either side (zones never change twice within a day): in a repeated
  // hour both candidates are valid (take the earlier), in a gap neither is (take the offset before it).
  const before = wall - zoneOffset(wall - 12 * 60 * MINUTE, timeZone);
  const after = wall - zoneOffset(wall + 12 * 60 * MINUTE, timeZone);
  const valid = [before, after].filter((t) => t + zoneOffset(t, timeZone) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** Local calendar date (UTC fields of the returned day number) of an instant in a zone. */
function localDay(instant: number, timeZone: string): number {
  const local = instant + zoneOffset(instant, timeZone);
  return Math.floor(local / (DAY_MINUTES * MINUTE));
}

// --- business time ----------------------------------------------------------------------------

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MINUTES * MINUTE).toISOString().slice(0, 10);
}

const dayCache = new WeakMap<BusinessSchedule, Map<number, [number, number][]>>();

/** Business intervals (absolute instants) of one local day (days since 1970-01-01, local); cached per schedule object. */
function dayIntervals(dayNumber: number, schedule: BusinessSchedule): [number, number][] {
  let days = dayCache.get(schedule);
  if (!days) {
    days = new Map();
    dayCache.set(schedule, days);
  }
  let intervals = days.get(dayNumber);
  if (!intervals) {
    if (days.size > 20_000) days.clear();
    intervals = computeDayIntervals(dayNumber, schedule);
    days.set(dayNumber, intervals);
  }
  return intervals;
}

function computeDayIntervals(dayNumber: number, schedule: BusinessSchedule): [number, number][] {
  const date = new Date(dayNumber * DAY_MINUTES * MINUTE);
  if (schedule.holidays && schedule.holidays.length > 0) {
    const iso = isoDate(dayNumber);
    if (schedule.holidays.some((h) => iso >= h.startDate && iso <= h.endDate)) return [];
  }
  const weekStart = date.getUTCDay() * DAY_MINUTES;
  const out: [number, number][] = [];
  for (const interval of schedule.intervals) {
    const from = Math.max(interval.startMinute, weekStart);
    const to = Math.min(interval.endMinute, weekStart + DAY_MINUTES);
    if (from >= to) continue;
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    const d = date.getUTCDate();
    const start = localToInstant(y, m, d, from - weekStart, schedule.timeZone);
    const end = localToInstant(y, m, d, to - weekStart, schedule.timeZone);
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Business intervals from `from` on, clipped to start at `from`, in order. */
function* businessIntervals(from: number, schedule: BusinessSchedule): Generator<[number, number]> {
  if (!schedule.intervals.some((i) => i.endMinute > i.startMinute && i.startMinute < WEEK_MINUTES)) return;
  const first = localDay(from, schedule.timeZone) - 1; // the day before: an interval may run past midnight into ours
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [s, e] of dayIntervals(day, schedule)) {
      if (e <= from) continue;
      yield [Math.max(s, from), e];
    }
  }
}

/** The instant `minutes` business minutes after `start` (minutes ≥ 0). Infinity when the schedule never opens. */
export function addBusinessMinutes(start: number, minutes: number, schedule: BusinessSchedule): number {
  let left = minutes * MINUTE;
  if (left <= 0) return start;
  for (const [s, e] of businessIntervals(start, schedule)) {
    if (left <= e - s) return s + left;
    left -= e - s;
  }
  return Number.POSITIVE_INFINITY;
}

/** Business minutes between two instants (0 when to ≤ from). */
export function businessMinutesBetween(from: number, to: number, schedule: BusinessSchedule): number {
  if (to <= from) return 0;
  let total = 0;
  for (const [s, e] of businessIntervals(from, schedule)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total / MINUTE;
}

/** Calendar or business time, as a clock measures it. */
interface Measure {
  add(start: number, minutes: number): number;
  between(from: number, to: number): number;
}

function measureOf(businessHours: boolean, schedule: BusinessSchedule | null): Measure {
  if (businessHours && schedule) return { add: (s, m) => addBusinessMinutes(s, m, schedule), between: (a, b) => businessMinutesBetween(a, b, schedule) };
  return { add: (s, m) => s + m * MINUTE, between: (a, b) => Math.max(0, b - a) / MINUTE };
}

// --- clocks -----------------------------------------------------------------------------------

/** Minutes left below which a clock is at risk: a quarter of the target, or 15 minutes, whichever is more. */
export function atRiskThreshold(targetMinutes: number): number {
  return Math.min(targetMinutes, Math.max(targetMinutes * 0.25, 15));
}

/** Intervals [from, to) (to = Infinity while ongoing) during which the status was one of `statuses`. */
export function pauseIntervals(history: SlaCaseFacts['statusHistory'], statuses: readonly CaseStatus[]): [number, number][] {
  const out: [number, number][] = [];
  let openSince: number | null = null;
  for (const change of history) {
    const pausing = statuses.includes(change.status);
    if (pausing && openSince === null) openSince = change.at;
    else if (!pausing && openSince !== null) {
      if (change.at > openSince) out.push([openSince, change.at]);
      openSince = null;
    }
  }
  if (openSince !== null) out.push([openSince, Number.POSITIVE_INFINITY]);
  return out;
}

/**
 * Walks the running periods from `start` (everything after it but the pauses) and returns the
 * instant the clock has run `minutes`, or the minutes still left when the walk ends in a pause
 * that has not ended.
 */
function runFor(start: number, minutes: number, pauses: readonly [number, number][], measure: Measure): { at: number } | { left: number } {
  let left = minutes;
  let from = start;
  for (const [ps, pe] of pauses) {
    if (pe <= from) continue;
    if (ps > from) {
      const available = measure.between(from, ps);
      if (left <= available) return { at: measure.add(from, left) };
      left -= available;
    }
    if (pe === Number.POSITIVE_INFINITY) return { left };
    from = Math.max(from, pe);
  }
  return { at: measure.add(from, left) };
}

/**
 * One clock: started at `start`, stopped at `stopAt` (null: still running), `minutes` long in
 * calendar or business time, paused during `pauses`.
 */
export function computeClock(
  target: SlaClockTarget,
  start: number,
  stopAt: number | null,
  minutes: number,
  pauses: readonly [number, number][],
  measure: { businessHours: boolean; schedule: BusinessSchedule | null },
): ComputedClock {
  const m = measureOf(measure.businessHours, measure.schedule);
  // Pauses after the stop do not count.
  const relevant = stopAt === null ? pauses : pauses.filter(([s]) => s < stopAt).map(([s, e]): [number, number] => [s, Math.min(e, stopAt)]);
  const due = runFor(start, minutes, relevant, m);
  if (stopAt !== null) {
    const dueAt = 'at' in due ? due.at : null;
    return { target, phase: dueAt !== null && dueAt < stopAt ? 'missed' : 'met', dueAt, atRiskAt: null, targetMinutes: minutes, remainingMinutes: null, stoppedAt: stopAt };
  }
  if (!('at' in due)) return { target, phase: 'paused', dueAt: null, atRiskAt: null, targetMinutes: minutes, remainingMinutes: due.left, stoppedAt: null };
  const risk = runFor(start, minutes - atRiskThreshold(minutes), relevant, m);
  return { target, phase: 'running', dueAt: due.at, atRiskAt: 'at' in risk ? risk.at : due.at, targetMinutes: minutes, remainingMinutes: null, stoppedAt: null };
}

/** The target rule of a policy for a case: the channel-specific rule first, then the general one. */
export function ruleFor(rules: readonly SlaTargetRule[], target: SlaClockTarget, priority: CasePriority | null, channel: ChannelKind): SlaTargetRule | null {
  const candidates = rules.filter((r) => r.target === target && r.priority === priority);
  return candidates.find((r) => r.channel === channel) ?? candidates.find((r) => r.channel === undefined || r.channel === null) ?? null;
}

const DONE: readonly CaseStatus[] = ['solved', 'closed'];

/** When the case was solved (the start of its current solved/closed run), null when unsolved. */
export function solvedAt(facts: SlaCaseFacts): number | null {
  if (!DONE.includes(facts.status)) return null;
  let at: number | null = null;
  for (let i = facts.statusHistory.length - 1; i >= 0; i--) {
    const change = facts.statusHistory[i]!;
    if (!DONE.includes(change.status)) break;
    at = change.at;
  }
  return at ?? facts.createdAt;
}

/**
 * The clocks of a case under a policy's rules:
 * - first reply: from creation to the first public agent reply (or the solve); never pauses;
 * - next reply: from `waitingSince`, once an agent has replied publicly before, until the next
 *   public agent reply; pauses while pending / on hold;
 * - resolution: from creation to the solve; pauses per `pauses.resolution`.
 * A clock without a rule for the case's priority (and channel) does not exist.
 */
export function caseClocks(
  facts: SlaCaseFacts,
  context: { priority: CasePriority | null; channel: ChannelKind; rules: readonly SlaTargetRule[]; schedule: BusinessSchedule | null; pauses?: SlaPauseRules },
): ComputedClock[] {
  const pauses = context.pauses ?? DEFAULT_PAUSES;
  const solved = solvedAt(facts);
  const clocks: ComputedClock[] = [];
  const rule = (target: SlaClockTarget) => ruleFor(context.rules, target, context.priority, context.channel);

  const first = rule('first_reply');
  if (first) {
    const stop = facts.firstAgentReplyAt ?? solved;
    clocks.push(computeClock('first_reply', facts.createdAt, stop, first.minutes, [], { businessHours: first.businessHours, schedule: context.schedule }));
  }
  const next = rule('next_reply');
  if (next && facts.lastAgentReplyAt !== null && facts.waitingSince !== null && facts.waitingSince > facts.lastAgentReplyAt && solved === null) {
    clocks.push(
      computeClock('next_reply', facts.waitingSince, null, next.minutes, pauseIntervals(facts.statusHistory, pauses.nextReply), { businessHours: next.businessHours, schedule: context.schedule }),
    );
  }
  const resolution = rule('resolution');
  if (resolution) {
    clocks.push(
      computeClock('resolution', facts.createdAt, solved, resolution.minutes, pauseIntervals(facts.statusHistory, pauses.resolution), {
        businessHours: resolution.businessHours,
        schedule: context.schedule,
      }),
    );
  }
  return clocks;
}

/** The state of a computed clock at `now`. */
export function clockState(clock: Pick<ComputedClock, 'phase' | 'dueAt' | 'atRiskAt'>, now: number): ClockState {
  switch (clock.phase) {
    case 'met':
      return 'met';
    case 'missed':
      return 'breached';
    case 'paused':
      return 'paused';
    default:
      if (clock.dueAt !== null && now > clock.dueAt) return 'breached';
      if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'at_risk';
      return 'ok';
  }
}

/** The running clock due first (a breached one included), else a paused one, else null. */
export function nextClock<C extends Pick<ComputedClock, 'phase' | 'dueAt'>>(clocks: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of clocks) if (c.phase === 'running' && c.dueAt !== null && (best === null || c.dueAt < (best.dueAt as number))) best = c;
  return best ?? clocks.find((c) => c.phase === 'paused') ?? null;
}
