import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  atRiskThreshold,
  businessMinutesBetween,
  caseClocks,
  clockState,
  computeClock,
  localToInstant,
  nextClock,
  pauseIntervals,
  ruleFor,
  type BusinessSchedule,
  type SlaCaseFacts,
  type SlaTargetRule,
} from '../../../src-shared/domain/sla-clock';

const TZ = 'Europe/Berlin';
const MIN = 60_000;
const HOUR = 60 * MIN;
/** Local Berlin time → instant (month 1-based). */
const berlin = (y: number, mo: number, d: number, h: number, mi = 0) => new TZDate(y, mo - 1, d, h, mi, 0, 0, TZ).getTime();
const iso = (t: number) => new TZDate(t, TZ).toISOString();

/** Monday to Friday 09:00–17:00 in Berlin. */
const OFFICE: BusinessSchedule = {
  timeZone: TZ,
  intervals: [1, 2, 3, 4, 5].map((day) => ({ startMinute: day * 1440 + 9 * 60, endMinute: day * 1440 + 17 * 60 })),
};
const ALWAYS: BusinessSchedule = { timeZone: TZ, intervals: [{ startMinute: 0, endMinute: 7 * 1440 }] };

describe('business minutes', () => {
  it('carries over the night and the weekend', () => {
    // Monday 2026-11-16 16:00 + 2 h → Tuesday 10:00
    expect(iso(addBusinessMinutes(berlin(2026, 11, 16, 16), 120, OFFICE))).toBe(iso(berlin(2026, 11, 17, 10)));
    // Friday 16:30 + 1 h → Monday 09:30
    expect(iso(addBusinessMinutes(berlin(2026, 11, 20, 16, 30), 60, OFFICE))).toBe(iso(berlin(2026, 11, 23, 9, 30)));
    // Saturday night counts from Monday 09:00; exactly the end of a day stays there
    expect(iso(addBusinessMinutes(berlin(2026, 11, 21, 23), 30, OFFICE))).toBe(iso(berlin(2026, 11, 23, 9, 30)));
    expect(iso(addBusinessMinutes(berlin(2026, 11, 16, 9), 480, OFFICE))).toBe(iso(berlin(2026, 11, 16, 17)));
    // 8 business hours from Wednesday 12:00 → Thursday 12:00
    expect(iso(addBusinessMinutes(berlin(2026, 11, 18, 12), 480, OFFICE))).toBe(iso(berlin(2026, 11, 19, 12)));
  });

  it('measures between instants, outside hours and across weeks', () => {
    expect(businessMinutesBetween(berlin(2026, 11, 16, 8), berlin(2026, 11, 18, 12), OFFICE)).toBe(8 * 60 + 8 * 60 + 3 * 60);
    expect(businessMinutesBetween(berlin(2026, 11, 20, 18), berlin(2026, 11, 23, 8), OFFICE)).toBe(0);
    expect(businessMinutesBetween(berlin(2026, 11, 16, 9), berlin(2026, 11, 30, 9), OFFICE)).toBe(10 * 8 * 60);
    expect(businessMinutesBetween(berlin(2026, 11, 18, 12), berlin(2026, 11, 16, 12), OFFICE)).toBe(0);
  });

  it('skips holidays', () => {
    const withHoliday: BusinessSchedule = { ...OFFICE, holidays: [{ startDate: '2026-12-24', endDate: '2026-12-26' }] };
    // Wednesday 23 Dec 16:00 + 2 h: Thursday 24 and Friday 25 are holidays → Monday 28 10:00
    expect(iso(addBusinessMinutes(berlin(2026, 12, 23, 16), 120, withHoliday))).toBe(iso(berlin(2026, 12, 28, 10)));
  });

  it('keeps 09:00–17:00 local across the spring change (UTC+1 → UTC+2)', () => {
    // Friday 27 March 2026 16:00 CET + 2 h → Monday 30 March 10:00 CEST (08:00 UTC)
    const due = addBusinessMinutes(berlin(2026, 3, 27, 16), 120, OFFICE);
    expect(new Date(due).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(businessMinutesBetween(berlin(2026, 3, 27, 9), berlin(2026, 3, 30, 17), OFFICE)).toBe(16 * 60);
    // Sunday 29 March has 23 hours: a 24/7 schedule counts them as they are
    expect(businessMinutesBetween(berlin(2026, 3, 29, 0), berlin(2026, 3, 30, 0), ALWAYS)).toBe(23 * 60);
    expect(new Date(addBusinessMinutes(berlin(2026, 3, 29, 1), 120, ALWAYS)).toISOString()).toBe(new Date(berlin(2026, 3, 29, 4)).toISOString());
  });

  it('keeps 09:00–17:00 local across the autumn change (UTC+2 → UTC+1)', () => {
    // Friday 23 October 2026 16:00 CEST + 2 h → Monday 26 October 10:00 CET (09:00 UTC)
    const due = addBusinessMinutes(berlin(2026, 10, 23, 16), 120, OFFICE);
    expect(new Date(due).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(businessMinutesBetween(berlin(2026, 10, 25, 0), berlin(2026, 10, 26, 0), ALWAYS)).toBe(25 * 60);
  });

  it('turns local wall-clock times into instants, gaps and repeats included', () => {
    expect(new Date(localToInstant(2026, 2, 29, 9 * 60, TZ)).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(localToInstant(2026, 2, 29, 2 * 60 + 30, TZ)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // in the gap: 03:30 CEST
    expect(new Date(localToInstant(2026, 9, 25, 2 * 60 + 30, TZ)).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // repeated hour: the first
    expect(new Date(localToInstant(2026, 0, 5, 24 * 60, 'America/New_York')).toISOString()).toBe('2026-01-06T05:00:00.000Z');
  });

  it('never ends on a schedule without hours', () => {
    expect(addBusinessMinutes(0, 10, { timeZone: TZ, intervals: [] })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('a clock', () => {
  const start = berlin(2026, 11, 16, 10);
  const calendar = { businessHours: false, schedule: null };

  it('is at risk under 25 % of the target or under 15 minutes left', () => {
    expect(atRiskThreshold(240)).toBe(60);
    expect(atRiskThreshold(40)).toBe(15);
    expect(atRiskThreshold(10)).toBe(10);
    const clock = computeClock('first_reply', start, null, 240, [], calendar);
    expect(clock).toMatchObject({ phase: 'running', dueAt: start + 4 * HOUR, atRiskAt: start + 3 * HOUR });
    expect(clockState(clock, start + 3 * HOUR - 1)).toBe('ok');
    expect(clockState(clock, start + 3 * HOUR)).toBe('at_risk');
    expect(clockState(clock, start + 4 * HOUR)).toBe('at_risk');
    expect(clockState(clock, start + 4 * HOUR + 1)).toBe('breached');
    const short = computeClock('first_reply', start, null, 40, [], calendar);
    expect(short.atRiskAt).toBe(start + 25 * MIN);
  });

  it('is met when done in time and breached when done late', () => {
    expect(computeClock('first_reply', start, start + 59 * MIN, 60, [], calendar)).toMatchObject({ phase: 'met' });
    expect(computeClock('first_reply', start, start + 60 * MIN, 60, [], calendar)).toMatchObject({ phase: 'met' });
    const late = computeClock('first_reply', start, start + 61 * MIN, 60, [], calendar);
    expect(late).toMatchObject({ phase: 'missed', dueAt: start + 60 * MIN });
    expect(clockState(late, start)).toBe('breached');
  });

  it('pauses, and resumes with the time that was left', () => {
    // 60 min target, pending from +20 min to +2 h: 40 min left from +2 h
    const paused = computeClock('next_reply', start, null, 60, [[start + 20 * MIN, Number.POSITIVE_INFINITY]], calendar);
    expect(paused).toMatchObject({ phase: 'paused', dueAt: null, remainingMinutes: 40 });
    expect(clockState(paused, start + 10 * HOUR)).toBe('paused');
    const resumed = computeClock('next_reply', start, null, 60, [[start + 20 * MIN, start + 2 * HOUR]], calendar);
    expect(resumed).toMatchObject({ phase: 'running', dueAt: start + 2 * HOUR + 40 * MIN, atRiskAt: start + 2 * HOUR + 25 * MIN });
    // a clock that breached before the pause stays breached
    const breachedFirst = computeClock('next_reply', start, null, 10, [[start + 20 * MIN, Number.POSITIVE_INFINITY]], calendar);
    expect(clockState(breachedFirst, start + HOUR)).toBe('breached');
  });

  it('counts business hours with pauses', () => {
    // Monday 16:00, 2 business hours, paused Monday 16:30 → Tuesday 11:00: 30 min used, 90 left → Tuesday 12:30
    const clock = computeClock('resolution', berlin(2026, 11, 16, 16), null, 120, [[berlin(2026, 11, 16, 16, 30), berlin(2026, 11, 17, 11)]], { businessHours: true, schedule: OFFICE });
    expect(iso(clock.dueAt!)).toBe(iso(berlin(2026, 11, 17, 12, 30)));
    expect(iso(clock.atRiskAt!)).toBe(iso(berlin(2026, 11, 17, 12)));
  });

  it('keeps counting with nothing but the clock (offline)', () => {
    const clock = computeClock('first_reply', start, null, 60, [], calendar);
    expect([start, start + 50 * MIN, start + 2 * HOUR].map((now) => clockState(clock, now))).toEqual(['ok', 'at_risk', 'breached']);
  });
});

describe('the clocks of a case', () => {
  const created = berlin(2026, 11, 16, 10);
  const rules: SlaTargetRule[] = [
    { target: 'first_reply', priority: 'high', minutes: 60, businessHours: false },
    { target: 'first_reply', priority: 'high', channel: 'chat', minutes: 5, businessHours: false },
    { target: 'next_reply', priority: 'high', minutes: 240, businessHours: false },
    { target: 'resolution', priority: 'high', minutes: 24 * 60, businessHours: false },
  ];
  const facts = (over: Partial<SlaCaseFacts>): SlaCaseFacts => ({
    createdAt: created,
    firstAgentReplyAt: null,
    lastAgentReplyAt: null,
    waitingSince: created,
    status: 'open',
    statusHistory: [{ at: created, status: 'open' }],
    ...over,
  });

  it('picks the channel rule over the general one', () => {
    expect(ruleFor(rules, 'first_reply', 'high', 'chat')?.minutes).toBe(5);
    expect(ruleFor(rules, 'first_reply', 'high', 'email')?.minutes).toBe(60);
    expect(ruleFor(rules, 'first_reply', 'low', 'email')).toBeNull();
  });

  it('runs first reply and resolution on a new case', () => {
    const clocks = caseClocks(facts({}), { priority: 'high', channel: 'email', rules, schedule: null });
    expect(clocks.map((c) => [c.target, c.phase, c.dueAt])).toEqual([
      ['first_reply', 'running', created + HOUR],
      ['resolution', 'running', created + 24 * HOUR],
    ]);
    expect(nextClock(clocks)?.target).toBe('first_reply');
  });

  it('meets first reply, then times the next reply from the customer’s answer', () => {
    const reply = created + 30 * MIN;
    const answer = created + 2 * HOUR;
    const clocks = caseClocks(facts({ firstAgentReplyAt: reply, lastAgentReplyAt: reply, waitingSince: answer }), { priority: 'high', channel: 'email', rules, schedule: null });
    expect(clocks.map((c) => [c.target, c.phase, c.dueAt])).toEqual([
      ['first_reply', 'met', created + HOUR],
      ['next_reply', 'running', answer + 4 * HOUR],
      ['resolution', 'running', created + 24 * HOUR],
    ]);
    expect(nextClock(clocks)?.target).toBe('next_reply');
  });

  it('pauses next reply and resolution while pending / on hold', () => {
    const reply = created + 30 * MIN;
    const answer = created + HOUR;
    const history = [
      { at: created, status: 'open' as const },
      { at: created + 2 * HOUR, status: 'pending' as const },
      { at: created + 5 * HOUR, status: 'hold' as const },
      { at: created + 7 * HOUR, status: 'open' as const },
    ];
    const clocks = caseClocks(facts({ firstAgentReplyAt: reply, lastAgentReplyAt: reply, waitingSince: answer, statusHistory: history }), { priority: 'high', channel: 'email', rules, schedule: null });
    const byTarget = Object.fromEntries(clocks.map((c) => [c.target, c]));
    expect(byTarget.next_reply?.dueAt).toBe(answer + 4 * HOUR + 5 * HOUR);
    expect(byTarget.resolution?.dueAt).toBe(created + 24 * HOUR + 5 * HOUR);
    // requester-wait style: only pending pauses resolution
    const pendingOnly = caseClocks(facts({ statusHistory: history }), { priority: 'high', channel: 'email', rules, schedule: null, pauses: { nextReply: ['pending', 'hold'], resolution: ['pending'] } });
    expect(pendingOnly.find((c) => c.target === 'resolution')?.dueAt).toBe(created + 24 * HOUR + 3 * HOUR);
    // still pending now: paused
    const pending = caseClocks(facts({ status: 'pending', statusHistory: history.slice(0, 2) }), { priority: 'high', channel: 'email', rules, schedule: null });
    expect(pending.find((c) => c.target === 'resolution')).toMatchObject({ phase: 'paused', remainingMinutes: 22 * 60 });
  });

  it('stops at the solve: met in time, breached when late', () => {
    const solvedHistory = (at: number) => [
      { at: created, status: 'open' as const },
      { at, status: 'solved' as const },
    ];
    const inTime = caseClocks(facts({ status: 'solved', firstAgentReplyAt: created + 10 * MIN, statusHistory: solvedHistory(created + 3 * HOUR) }), { priority: 'high', channel: 'email', rules, schedule: null });
    expect(inTime.map((c) => c.phase)).toEqual(['met', 'met']);
    const late = caseClocks(facts({ status: 'closed', firstAgentReplyAt: created + 2 * HOUR, statusHistory: [...solvedHistory(created + 30 * HOUR), { at: created + 40 * HOUR, status: 'closed' as const }] }), {
      priority: 'high',
      channel: 'email',
      rules,
      schedule: null,
    });
    expect(late.map((c) => [c.target, c.phase])).toEqual([
      ['first_reply', 'missed'],
      ['resolution', 'missed'],
    ]);
    expect(nextClock(late)).toBeNull();
  });

  it('derives pause intervals from the history', () => {
    expect(
      pauseIntervals(
        [
          { at: 1, status: 'new' },
          { at: 2, status: 'pending' },
          { at: 3, status: 'hold' },
          { at: 4, status: 'open' },
          { at: 5, status: 'hold' },
        ],
        ['pending', 'hold'],
      ),
    ).toEqual([
      [2, 4],
      [5, Number.POSITIVE_INFINITY],
    ]);
  });
});
