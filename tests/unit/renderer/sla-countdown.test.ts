import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CaseSlaClock, CaseSlaView } from '../../../src-shared/contract/sla';
import { badgeClock, clockStateAt, countdown, formatCountdown } from '../../../src-renderer/features/sla/sla-clock';
import { en } from '../../../src-renderer/i18n/en';
import { ko } from '../../../src-renderer/i18n/ko';

const i18n = i18next.createInstance();
void i18n.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
const tEn = i18n.getFixedT('en');
const tKo = i18n.getFixedT('ko');

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DUE = Date.UTC(2026, 10, 23, 15, 0);

describe('SLA countdown text', () => {
  it('shows minutes under an hour, rounded down', () => {
    expect(formatCountdown(DUE, DUE - 42 * MIN, tEn)).toBe('42 min');
    expect(formatCountdown(DUE, DUE - (42 * MIN + 59 * S), tEn)).toBe('42 min');
    expect(formatCountdown(DUE, DUE - 59 * MIN, tEn)).toBe('59 min');
  });

  it('shows hours and two-digit minutes from an hour on', () => {
    expect(formatCountdown(DUE, DUE - (1 * H + 5 * MIN), tEn)).toBe('1 h 05 min');
    expect(formatCountdown(DUE, DUE - 60 * MIN, tEn)).toBe('1 h 00 min');
    expect(formatCountdown(DUE, DUE - (23 * H + 59 * MIN + 59 * S), tEn)).toBe('23 h 59 min');
  });

  it('shows days and hours from a day on, and days alone from two days on', () => {
    expect(formatCountdown(DUE, DUE - (24 * H + 3 * H + 30 * MIN), tEn)).toBe('1 d 3 h');
    expect(formatCountdown(DUE, DUE - (2 * 24 * H + 3 * H), tEn)).toBe('2 d');
    expect(formatCountdown(DUE, DUE + (5 * 24 * H + 3 * H), tEn)).toBe('breached 5 d ago');
    expect(formatCountdown(DUE, DUE + (5 * 24 * H + 3 * H), tKo)).toBe('5일 초과');
  });

  it('shows seconds in the last minute', () => {
    expect(formatCountdown(DUE, DUE - 45 * S, tEn)).toBe('45 s');
    expect(formatCountdown(DUE, DUE - 500, tEn)).toBe('0 s');
  });

  it('says how long ago a clock breached', () => {
    expect(formatCountdown(DUE, DUE, tEn)).toBe('0 s');
    expect(formatCountdown(DUE, DUE + 1, tEn)).toBe('breached 0 s ago');
    expect(formatCountdown(DUE, DUE + 12 * MIN + 30 * S, tEn)).toBe('breached 12 min ago');
    expect(formatCountdown(DUE, DUE + 2 * H + 5 * MIN, tEn)).toBe('breached 2 h 05 min ago');
  });

  it('speaks Korean', () => {
    expect(formatCountdown(DUE, DUE - 42 * MIN, tKo)).toBe('42분 남음');
    expect(formatCountdown(DUE, DUE - (1 * H + 5 * MIN), tKo)).toBe('1시간 05분 남음');
    expect(formatCountdown(DUE, DUE + 12 * MIN, tKo)).toBe('12분 초과');
  });

  it('splits spans into units', () => {
    expect(countdown(DUE, DUE - 30 * S)).toEqual({ overdue: false, unit: 'seconds', major: 30, minor: 0 });
    expect(countdown(DUE, DUE + 3 * H + 7 * MIN)).toEqual({ overdue: true, unit: 'hoursMinutes', major: 3, minor: 7 });
  });
});

const clock = (over: Partial<CaseSlaClock> = {}): CaseSlaClock => ({ target: 'first_reply', policyId: 1, dueAt: DUE, atRiskAt: DUE - 15 * MIN, state: 'ok', ...over });

describe('SLA state between reads', () => {
  it('turns at risk at atRiskAt and breached at dueAt without word from core', () => {
    const c = clock();
    expect(clockStateAt(c, DUE - 15 * MIN - 1)).toBe('ok');
    expect(clockStateAt(c, DUE - 15 * MIN)).toBe('at_risk');
    expect(clockStateAt(c, DUE)).toBe('at_risk');
    expect(clockStateAt(c, DUE + 1)).toBe('breached');
  });

  it('never shows less than core said, and leaves paused and met clocks alone', () => {
    expect(clockStateAt(clock({ state: 'at_risk', atRiskAt: null }), DUE - H)).toBe('at_risk');
    expect(clockStateAt(clock({ state: 'paused', dueAt: null, atRiskAt: null }), DUE + H)).toBe('paused');
    expect(clockStateAt(clock({ state: 'met', dueAt: null, atRiskAt: null }), DUE + H)).toBe('met');
  });

  it('badges the next clock, else the earliest running one, else a paused one', () => {
    const next = clock({ target: 'next_reply' });
    expect(badgeClock({ next, clocks: [next] })).toBe(next);
    const early = clock({ target: 'resolution', dueAt: DUE - H });
    expect(badgeClock({ next: null, clocks: [clock(), early] })).toBe(early);
    const paused = clock({ target: 'next_reply', state: 'paused', dueAt: null, atRiskAt: null });
    expect(badgeClock({ next: null, clocks: [clock({ state: 'met', dueAt: null }), paused] } satisfies CaseSlaView)).toBe(paused);
    expect(badgeClock({ next: null, clocks: [] })).toBeNull();
    expect(badgeClock(undefined)).toBeNull();
  });
});
