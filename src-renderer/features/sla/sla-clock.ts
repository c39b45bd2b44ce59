import type { TFunction } from 'i18next';
import type { CaseSlaClock, CaseSlaView, SlaState } from '../../../src-shared/contract/sla';

// What an SLA clock says at a given moment. Core computes each clock's state when it reads the
// case, but the clocks keep running between reads (and offline): a clock turns at risk at its
// `atRiskAt` and breached at its `dueAt` here, with no event from core.

const SEVERITY: Record<SlaState, number> = { met: 0, paused: 0, ok: 1, at_risk: 2, breached: 3 };

/** The state of a clock at `now`: core's state, moved on by the time that passed since. */
export function clockStateAt(clock: CaseSlaClock, now: number): SlaState {
  if (clock.state === 'paused' || clock.state === 'met') return clock.state;
  let local: SlaState = 'ok';
  // As core counts (src-shared/domain/sla-clock.ts clockState): breached after the due time.
  if (clock.dueAt !== null && now > clock.dueAt) local = 'breached';
  else if (clock.atRiskAt !== null && now >= clock.atRiskAt) local = 'at_risk';
  // Never less urgent than core said (core may know better, e.g. a policy without atRiskAt).
  return SEVERITY[local] >= SEVERITY[clock.state] ? local : clock.state;
}

/**
 * The clock a badge shows: the running clock that breaches first (`next`, from core), or, when
 * none runs, a paused one (so a pending case still says its clock is waiting). Null: no badge.
 */
export function badgeClock(sla: CaseSlaView | null | undefined): CaseSlaClock | null {
  if (!sla) return null;
  if (sla.next && sla.next.state !== 'met') return sla.next;
  const running = sla.clocks.filter((c) => c.state !== 'paused' && c.state !== 'met' && c.dueAt !== null);
  if (running.length > 0) return running.reduce((a, b) => (b.dueAt! < a.dueAt! ? b : a));
  return sla.clocks.find((c) => c.state === 'paused') ?? null;
}

export type CountdownUnit = 'seconds' | 'minutes' | 'hoursMinutes' | 'daysHours' | 'days';

/** A span of time split for display: "45 s", "42 min", "1 h 05 min", "1 d 3 h", "5 d". */
export interface Countdown {
  /** True once the due time has passed: the span is how long ago. */
  overdue: boolean;
  unit: CountdownUnit;
  /** seconds, minutes, hours or days */
  major: number;
  /** minutes (hoursMinutes) or hours (daysHours); 0 otherwise */
  minor: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The countdown to `dueAt` at `now`, rounded down: 42 min 59 s reads "42 min", and the seconds show
 * only in the last minute (before and after the due time).
 */
export function countdown(dueAt: number, now: number): Countdown {
  const overdue = now > dueAt;
  const span = Math.abs(dueAt - now);
  if (span < MINUTE) return { overdue, unit: 'seconds', major: Math.floor(span / SECOND), minor: 0 };
  if (span < HOUR) return { overdue, unit: 'minutes', major: Math.floor(span / MINUTE), minor: 0 };
  if (span < DAY) return { overdue, unit: 'hoursMinutes', major: Math.floor(span / HOUR), minor: Math.floor((span % HOUR) / MINUTE) };
  // From two days on the hours no longer matter: "5 d".
  if (span < 2 * DAY) return { overdue, unit: 'daysHours', major: Math.floor(span / DAY), minor: Math.floor((span % DAY) / HOUR) };
  return { overdue, unit: 'days', major: Math.floor(span / DAY), minor: 0 };
}

/** The translation function the formatters need (i18next's `t`). */
export type Translate = TFunction;

/** "45 s", "42 min", "1 h 05 min", "1 d 3 h", "5 d" in the UI language. */
export function formatSpan(c: Countdown, t: Translate): string {
  switch (c.unit) {
    case 'seconds':
      return t('sla.span.seconds', { count: c.major });
    case 'minutes':
      return t('sla.span.minutes', { count: c.major });
    case 'hoursMinutes':
      return t('sla.span.hoursMinutes', { hours: c.major, minutes: String(c.minor).padStart(2, '0') });
    case 'daysHours':
      return t('sla.span.daysHours', { days: c.major, hours: c.minor });
    case 'days':
      return t('sla.span.days', { count: c.major });
  }
}

/** The badge's countdown text: "42 min", "1 h 05 min", or "breached 12 min ago". */
export function formatCountdown(dueAt: number, now: number, t: Translate): string {
  const c = countdown(dueAt, now);
  const span = formatSpan(c, t);
  return c.overdue ? t('sla.breachedAgo', { time: span }) : t('sla.left', { time: span });
}
