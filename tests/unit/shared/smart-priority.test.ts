import { describe, expect, it } from 'vitest';
import {
  baseReasons,
  DEFAULT_SMART_WEIGHTS,
  findTriggers,
  normalizeWeights,
  scoreSmartPriority,
  slaPressure,
  slaPressureAt,
  factsOf,
  parseFacts,
  reasonsFromFacts,
  timeReasons,
  toUsd,
  type SmartPriorityInput,
} from '../../../src-shared/domain/smart-priority';
import { analyzeKoreanSentiment, isMostlyKorean } from '../../../src-shared/domain/korean-sentiment';
import type { CaseSlaView } from '../../../src-shared/contract/sla';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;

const plain: SmartPriorityInput = { subject: 'Question about my order', customerMessages: ['Hello, where is my parcel?'], sentiment: null, tier: null, lifetimeValueUsd: null, followers: null };
const at = (overrides: Partial<SmartPriorityInput>, waitingSince: number | null = null, sla: CaseSlaView | null = null) =>
  scoreSmartPriority({ ...plain, ...overrides, waitingSince, slaState: slaPressure(sla), now: NOW }, DEFAULT_SMART_WEIGHTS);

const sla = (state: 'ok' | 'at_risk' | 'breached'): CaseSlaView => {
  const clock = { target: 'first_reply' as const, policyId: 1, dueAt: NOW + HOUR, atRiskAt: NOW, state };
  return { next: clock, clocks: [clock] };
};

describe('smart priority rules', () => {
  it('scores nothing for a plain case', () => {
    expect(at({})).toEqual({ score: 0, reasons: [] });
  });

  it('content triggers: each category once, in the subject or the latest customer messages, English words whole', () => {
    expect(findTriggers(['I want a REFUND now', 'Please cancel the order'])).toEqual([
      { category: 'refund', term: 'refund' },
      { category: 'cancel', term: 'cancel' },
    ]);
    expect(findTriggers(['My lawyer will call', 'this is urgent!'])).toEqual([
      { category: 'urgent', term: 'urgent' },
      { category: 'legal', term: 'lawyer' },
    ]);
    expect(findTriggers(["It doesn't work and arrived damaged"]).map((t) => t.category)).toEqual(['broken']);
    expect(findTriggers(['I will file a chargeback'])).toEqual([{ category: 'chargeback', term: 'chargeback' }]);
    // whole words only: "refunded" is a word of its own, "pursue" is not "sue", "sued" is not listed
    expect(findTriggers(['I will pursue this', 'Cancellation policy?']).map((t) => t.term)).toEqual(['cancellation']);
    expect(at({ subject: 'Refund please' }).reasons).toEqual([{ kind: 'trigger', detail: 'refund', points: 20 }]);
    expect(at({ customerMessages: ['I am contacting my attorney about legal action'] }).reasons).toEqual([{ kind: 'trigger', detail: 'attorney', points: 30 }]);
  });

  it('Korean triggers match inside words (particles and endings attached)', () => {
    expect(findTriggers(['환불해 주세요'])).toEqual([{ category: 'refund', term: '환불' }]);
    expect(findTriggers(['주문을 취소하고 싶어요', '긴급합니다'])).toEqual([
      { category: 'cancel', term: '취소' },
      { category: 'urgent', term: '긴급' },
    ]);
    expect(findTriggers(['법적 조치를 취하겠습니다']).map((t) => t.term)).toEqual(['법적']);
    expect(findTriggers(['소송을 걸겠습니다']).map((t) => t.term)).toEqual(['소송']);
    expect(findTriggers(['제품이 고장났어요', '상자가 파손되었습니다']).map((t) => t.term)).toEqual(['고장']);
    expect(findTriggers(['배송이 늦어요'])).toEqual([]);
    expect(at({ subject: '환불 요청', customerMessages: ['변호사와 상담했습니다'] }).reasons).toEqual([
      { kind: 'trigger', detail: '변호사', points: 30 },
      { kind: 'trigger', detail: '환불', points: 20 },
    ]);
  });

  it('negative sentiment: full weight at a comparative of −0.5 or below, proportional above, nothing when not negative', () => {
    expect(at({ sentiment: { comparative: -0.8, language: 'en' } }).reasons).toEqual([{ kind: 'sentiment', detail: '-0.80', points: 15 }]);
    expect(at({ sentiment: { comparative: -0.25, language: 'en' } }).reasons).toEqual([{ kind: 'sentiment', detail: '-0.25', points: 8 }]);
    expect(at({ sentiment: { comparative: 0.4, language: 'en' } }).reasons).toEqual([]);
  });

  it('the Korean lexicon: stems inside words, negation flips, comparative per word', () => {
    expect(isMostlyKorean('정말 화가 납니다')).toBe(true);
    expect(isMostlyKorean('Order #123 환불')).toBe(false);
    const angry = analyzeKoreanSentiment('정말 실망했습니다. 최악의 서비스네요');
    expect(angry.matches).toEqual([
      { stem: '실망', points: -2 },
      { stem: '최악', points: -4 },
    ]);
    expect(angry.comparative).toBeCloseTo(-6 / 4);
    expect(analyzeKoreanSentiment('친절하게 도와주셔서 감사합니다').score).toBe(4);
    expect(analyzeKoreanSentiment('서비스가 좋지 않아요').score).toBe(-2);
    expect(analyzeKoreanSentiment('안 좋아요').score).toBe(-2);
    expect(analyzeKoreanSentiment('배송 문의').score).toBe(0);
  });

  it('customer value: tier and lifetime value (logarithmic, in dollars)', () => {
    expect(at({ tier: 'VIP' }).reasons).toEqual([{ kind: 'tier', detail: 'vip', points: 30 }]);
    expect(at({ tier: 'gold' }).reasons).toEqual([{ kind: 'tier', detail: 'gold', points: 15 }]);
    expect(at({ tier: 'standard' }).reasons).toEqual([]);
    expect(at({ lifetimeValueUsd: 400 }).reasons).toEqual([]);
    expect(at({ lifetimeValueUsd: 5000 }).reasons).toEqual([{ kind: 'lifetime_value', detail: '5000', points: 5 }]);
    expect(at({ lifetimeValueUsd: 90_000 }).reasons).toEqual([{ kind: 'lifetime_value', detail: '90000', points: 10 }]);
    expect(toUsd(6_750_000, null, 'ko')).toBeCloseTo(5000);
    expect(toUsd(100, 'EUR', 'ko')).toBeCloseTo(109);
    expect(toUsd(100, null, null)).toBe(100);
  });

  it('social reach: followers, from 1,000 (nothing) to 1,000,000 (full weight)', () => {
    expect(at({ followers: 900 }).reasons).toEqual([]);
    expect(at({ followers: 10_000 }).reasons).toEqual([{ kind: 'followers', detail: '10000', points: 7 }]);
    expect(at({ followers: 5_000_000 }).reasons).toEqual([{ kind: 'followers', detail: '5000000', points: 20 }]);
  });

  it('waiting time: points per whole hour, capped', () => {
    expect(at({}, NOW - 2 * HOUR - 59_000).reasons).toEqual([{ kind: 'waiting', detail: '2', points: 10 }]);
    expect(at({}, NOW - 30 * 60_000).reasons).toEqual([]);
    expect(at({}, NOW - 50 * HOUR).reasons).toEqual([{ kind: 'waiting', detail: '50', points: 40 }]);
    expect(timeReasons({ waitingSince: null, slaState: null, now: NOW }, DEFAULT_SMART_WEIGHTS)).toEqual([]);
  });

  it('SLA pressure: at risk and breached add points, ok adds none', () => {
    expect(at({}, null, sla('at_risk')).reasons).toEqual([{ kind: 'sla', detail: 'at_risk', points: 20 }]);
    expect(at({}, null, sla('breached')).reasons).toEqual([{ kind: 'sla', detail: 'breached', points: 40 }]);
    expect(at({}, null, sla('ok')).reasons).toEqual([]);
    // from the due times stored on the case
    expect(slaPressureAt(NOW + HOUR, NOW - 1, NOW)).toBe('at_risk');
    expect(slaPressureAt(NOW - 1, NOW - HOUR, NOW)).toBe('breached');
    expect(slaPressureAt(NOW + HOUR, NOW + 1, NOW)).toBeNull();
    expect(slaPressureAt(null, null, NOW)).toBeNull();
  });

  it('reasons come largest first and add up to the score', () => {
    const view = at({ tier: 'vip', sentiment: { comparative: -0.6, language: 'en' }, subject: 'Broken blender' }, NOW - 2 * HOUR);
    expect(view.reasons.map((r) => [r.kind, r.points])).toEqual([
      ['tier', 30],
      ['trigger', 15],
      ['sentiment', 15],
      ['waiting', 10],
    ]);
    expect(view.score).toBe(70);
    // base reasons alone are sorted too
    expect(baseReasons({ ...plain, followers: 2_000_000, tier: 'gold' }, DEFAULT_SMART_WEIGHTS).map((r) => r.kind)).toEqual(['followers', 'tier']);
  });

  it('weights change the result and the order of cases', () => {
    const vip = { ...plain, tier: 'vip' };
    const refund = { ...plain, subject: 'Refund for order 1234', customerMessages: ['I want my money back'] };
    const score = (input: SmartPriorityInput, weights = DEFAULT_SMART_WEIGHTS) => scoreSmartPriority({ ...input, waitingSince: null, slaState: null, now: NOW }, weights).score;
    expect(score(vip)).toBeGreaterThan(score(refund));
    const refundFirst = normalizeWeights({ ...DEFAULT_SMART_WEIGHTS, trigger_refund: 60, tier_vip: 10 });
    expect(score(refund, refundFirst)).toBeGreaterThan(score(vip, refundFirst));
    // a weight of 0 removes the reason
    expect(scoreSmartPriority({ ...vip, waitingSince: null, slaState: null, now: NOW }, normalizeWeights({ tier_vip: 0 })).reasons).toEqual([]);
  });

  it('stored facts give the same reasons as the input, and survive JSON', () => {
    const input = { ...plain, subject: 'Refund', tier: 'VIP', sentiment: { comparative: -0.4, language: 'en' as const }, lifetimeValueUsd: 12_345.6, followers: 40_000 };
    const facts = parseFacts(JSON.stringify(factsOf(input)));
    expect(facts).not.toBeNull();
    expect(reasonsFromFacts(facts!, DEFAULT_SMART_WEIGHTS)).toEqual(baseReasons(input, DEFAULT_SMART_WEIGHTS));
    expect(parseFacts('not json')).toBeNull();
    expect(parseFacts('{"triggers":[{"category":"nope","term":"x"}]}')?.triggers).toEqual([]);
  });

  it('normalizes weights: defaults for missing keys, clamped to 0…100, whole numbers', () => {
    expect(normalizeWeights(null)).toEqual(DEFAULT_SMART_WEIGHTS);
    const w = normalizeWeights({ tier_vip: 250, tier_gold: -3, followers: 12.6, bogus: 5, waiting_max: 'x' });
    expect([w.tier_vip, w.tier_gold, w.followers, w.waiting_max]).toEqual([100, 0, 13, DEFAULT_SMART_WEIGHTS.waiting_max]);
    expect(w).not.toHaveProperty('bogus');
  });
});
