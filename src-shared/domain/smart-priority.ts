import type { SmartPriorityReason, SmartPriorityView } from '../contract/priority';
import type { CaseSlaView } from '../contract/sla';
import type { Money } from './customer-value';

// Smart priority (DESIGN §8, issue 7, docs/smart-priority.md): a score per case from configurable
// rules, always with its reasons. Pure: core feeds it the case's text, the sentiment of the latest
// customer message (the `sentiment` library for English, src-shared/domain/korean-sentiment.ts for
// Korean), the customer's context, the waiting time and the SLA view.
//
// The score has two parts. The BASE part (triggers, sentiment, tier, lifetime value, followers)
// depends only on the case and its customer: core stores it on the case and recomputes it when
// sync changes them. The TIME part (waiting, SLA pressure) grows with the clock: core adds it when
// it reads a case, and refreshes the stored sort key every minute.

/** Every weight, flat, so the settings page can show one control each. Points, 0…100. */
export const SMART_WEIGHT_KEYS = [
  'trigger_refund',
  'trigger_cancel',
  'trigger_urgent',
  'trigger_legal',
  'trigger_broken',
  'trigger_chargeback',
  'sentiment_negative',
  'tier_vip',
  'tier_gold',
  'lifetime_value',
  'followers',
  'waiting_per_hour',
  'waiting_max',
  'sla_at_risk',
  'sla_breached',
] as const;
export type SmartWeightKey = (typeof SMART_WEIGHT_KEYS)[number];
export type SmartWeights = Record<SmartWeightKey, number>;

export const SMART_WEIGHT_MAX = 100;

/** The defaults (documented in docs/smart-priority.md § Weights). */
export const DEFAULT_SMART_WEIGHTS: Readonly<SmartWeights> = {
  trigger_refund: 20,
  trigger_cancel: 15,
  trigger_urgent: 15,
  trigger_legal: 30,
  trigger_broken: 15,
  trigger_chargeback: 30,
  sentiment_negative: 15,
  tier_vip: 30,
  tier_gold: 15,
  lifetime_value: 10,
  followers: 20,
  waiting_per_hour: 5,
  waiting_max: 40,
  sla_at_risk: 20,
  sla_breached: 40,
};

export const TRIGGER_CATEGORIES = ['refund', 'cancel', 'urgent', 'legal', 'broken', 'chargeback'] as const;
export type TriggerCategory = (typeof TRIGGER_CATEGORIES)[number];

/**
 * Words that make a case more urgent, per category. English terms match whole words
 * (case-insensitive); Korean terms match inside words, because Korean attaches particles and
 * endings to the stem (환불을, 환불해 주세요, 취소하고 싶어요).
 */
export const TRIGGER_TERMS: Readonly<Record<TriggerCategory, { en: readonly string[]; ko: readonly string[] }>> = {
  refund: { en: ['refund', 'refunds', 'refunded', 'money back', 'reimburse', 'reimbursement'], ko: ['환불', '환급', '돈을 돌려'] },
  cancel: { en: ['cancel', 'cancelled', 'canceled', 'cancellation', 'unsubscribe', 'terminate'], ko: ['취소', '해지', '탈퇴'] },
  urgent: { en: ['urgent', 'urgently', 'asap', 'emergency', 'immediately', 'right now'], ko: ['긴급', '급합니다', '급해요', '급한', '당장'] },
  legal: { en: ['legal', 'lawyer', 'attorney', 'lawsuit', 'sue', 'court', 'legal action'], ko: ['법적', '소송', '변호사', '고소', '소비자원'] },
  broken: { en: ['broken', 'damaged', 'defective', 'faulty', 'not working', 'stopped working', "doesn't work", 'does not work'], ko: ['고장', '파손', '불량', '깨졌', '작동하지 않', '작동이 안'] },
  chargeback: { en: ['chargeback', 'charge back', 'dispute the charge', 'fraud', 'fraudulent'], ko: ['차지백', '지불 거절', '카드사에 이의', '사기'] },
};

/** What the rules look at. Core reads it from the cache; the tests build it by hand. */
export interface SmartPriorityInput {
  subject: string;
  /** The latest customer messages' text, newest first (core passes up to three). */
  customerMessages: readonly string[];
  /**
   * Sentiment of the latest customer message: AFINN-style comparative score (sum of word scores /
   * words; below 0 is negative), from the `sentiment` library (English) or the Korean lexicon.
   */
  sentiment: { comparative: number; language: 'en' | 'ko' } | null;
  tier: string | null;
  /** In US dollars (core converts the customer's currency, see `toUsd`): what the points come from. */
  lifetimeValueUsd: number | null;
  /** The same value as the customer pane shows it (customerLifetimeValue), for the reason's label. */
  lifetimeValue?: Money | null;
  followers: number | null;
}

export interface SmartPriorityTimeInput {
  /** null when the customer is not waiting (or the case is solved). */
  waitingSince: number | null;
  /** SLA pressure on the case now (see `slaPressure`). */
  slaState: SlaPressure;
  now: number;
}

export type SlaPressure = 'at_risk' | 'breached' | null;

/** The SLA pressure of a case's SLA view: breached if any clock is, else at risk if any is. */
export function slaPressure(sla: CaseSlaView | null | undefined): SlaPressure {
  if (!sla) return null;
  const states = [sla.next?.state, ...sla.clocks.map((c) => c.state)];
  return states.includes('breached') ? 'breached' : states.includes('at_risk') ? 'at_risk' : null;
}

/** The same from the next due times stored on the case (`cases.sla_next_due_at` / `sla_next_at_risk_at`). */
export function slaPressureAt(dueAt: number | null, atRiskAt: number | null, now: number): SlaPressure {
  if (dueAt !== null && now >= dueAt) return 'breached';
  if (atRiskAt !== null && now >= atRiskAt) return 'at_risk';
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ENGLISH_TRIGGERS: readonly { category: TriggerCategory; re: RegExp }[] = TRIGGER_CATEGORIES.map((category) => ({
  category,
  // Longest first, so "legal action" is named rather than "legal".
  re: new RegExp(
    `(?<![\\p{L}\\p{N}])(${[...TRIGGER_TERMS[category].en]
      .sort((a, b) => b.length - a.length)
      .map((t) => escapeRegExp(t).replace(/ /g, '\\s+').replace(/'/g, "['’]"))
      .join('|')})(?![\\p{L}\\p{N}])`,
    'iu',
  ),
}));

/** The trigger categories found in the texts, each with the first term that matched (as written in the lexicon). */
export function findTriggers(texts: readonly string[]): { category: TriggerCategory; term: string }[] {
  const found: { category: TriggerCategory; term: string }[] = [];
  for (const { category, re } of ENGLISH_TRIGGERS) {
    const korean = TRIGGER_TERMS[category].ko;
    let term: string | null = null;
    for (const text of texts) {
      const match = re.exec(text);
      if (match) {
        term = (match[1] ?? match[0]).toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
        break;
      }
      const ko = korean.find((k) => text.includes(k));
      if (ko !== undefined) {
        term = ko;
        break;
      }
    }
    if (term !== null) found.push({ category, term });
  }
  return found;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * What the base rules found in a case, independent of the weights: core stores these on the case
 * (`cases.smart_facts`), so new weights re-score the whole cache, and preview it, without reading
 * a message again.
 */
export interface SmartFacts {
  triggers: { category: TriggerCategory; term: string }[];
  /** Comparative sentiment of the latest customer message, null when there is none. */
  sentiment: number | null;
  tier: string | null;
  lifetimeValueUsd: number | null;
  /** The value in the customer's currency, as the pane shows it (absent in facts stored before). */
  lifetimeValue?: Money | null;
  followers: number | null;
}

export function factsOf(input: SmartPriorityInput): SmartFacts {
  const facts: SmartFacts = {
    triggers: findTriggers([input.subject, ...input.customerMessages]),
    sentiment: input.sentiment === null ? null : Math.round(input.sentiment.comparative * 1000) / 1000,
    tier: input.tier?.trim().toLowerCase() || null,
    lifetimeValueUsd: input.lifetimeValueUsd === null ? null : Math.round(input.lifetimeValueUsd),
    followers: input.followers,
  };
  if (input.lifetimeValue) facts.lifetimeValue = { amount: input.lifetimeValue.amount, currency: input.lifetimeValue.currency };
  return facts;
}

/** The time-independent reasons from stored facts: triggers, sentiment, tier, lifetime value, followers. */
export function reasonsFromFacts(facts: SmartFacts, weights: SmartWeights): SmartPriorityReason[] {
  const reasons: SmartPriorityReason[] = [];
  for (const { category, term } of facts.triggers) {
    const points = weights[`trigger_${category}`];
    if (points !== undefined) reasons.push({ kind: 'trigger', detail: term, points });
  }
  // Negative sentiment: full weight at a comparative of −0.5 or below (a short, clearly angry
  // message), proportionally less above it; positive or neutral adds nothing.
  if (facts.sentiment !== null && facts.sentiment < 0) {
    const points = Math.round(weights.sentiment_negative * clamp01(-facts.sentiment / 0.5));
    reasons.push({ kind: 'sentiment', detail: facts.sentiment.toFixed(2), points });
  }
  if (facts.tier === 'vip') reasons.push({ kind: 'tier', detail: 'vip', points: weights.tier_vip });
  else if (facts.tier === 'gold') reasons.push({ kind: 'tier', detail: 'gold', points: weights.tier_gold });
  // Lifetime value: nothing up to $500, full weight from $50,000, logarithmic between ($5,000 → half).
  if (facts.lifetimeValueUsd !== null && facts.lifetimeValueUsd > 500) {
    const points = Math.round(weights.lifetime_value * clamp01(Math.log10(facts.lifetimeValueUsd / 500) / 2));
    const reason: SmartPriorityReason = { kind: 'lifetime_value', detail: String(facts.lifetimeValueUsd), points };
    // Said in the customer's currency, as the customer pane says it; the dollars only rank.
    if (facts.lifetimeValue) reason.money = { amount: facts.lifetimeValue.amount, currency: facts.lifetimeValue.currency };
    reasons.push(reason);
  }
  // Social reach: nothing up to 1,000 followers, full weight from 1,000,000, logarithmic between.
  if (facts.followers !== null && facts.followers > 1000) {
    const points = Math.round(weights.followers * clamp01((Math.log10(facts.followers) - 3) / 3));
    reasons.push({ kind: 'followers', detail: String(facts.followers), points });
  }
  return sortReasons(reasons);
}

/** The time-independent reasons of a case. */
export function baseReasons(input: SmartPriorityInput, weights: SmartWeights): SmartPriorityReason[] {
  return reasonsFromFacts(factsOf(input), weights);
}

/** Parses stored facts; anything unreadable counts as no facts (the case is re-scored on its next change). */
export function parseFacts(json: string | null): SmartFacts | null {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as Partial<SmartFacts> | null;
    if (!value || typeof value !== 'object') return null;
    return {
      triggers: Array.isArray(value.triggers) ? value.triggers.filter((t) => (TRIGGER_CATEGORIES as readonly string[]).includes(t.category)) : [],
      sentiment: typeof value.sentiment === 'number' ? value.sentiment : null,
      tier: typeof value.tier === 'string' ? value.tier : null,
      lifetimeValueUsd: typeof value.lifetimeValueUsd === 'number' ? value.lifetimeValueUsd : null,
      followers: typeof value.followers === 'number' ? value.followers : null,
      ...(isMoney(value.lifetimeValue) ? { lifetimeValue: { amount: value.lifetimeValue.amount, currency: value.lifetimeValue.currency } } : {}),
    };
  } catch {
    return null;
  }
}

function isMoney(value: unknown): value is Money {
  if (!value || typeof value !== 'object') return false;
  const { amount, currency } = value as Partial<Money>;
  return typeof amount === 'number' && Number.isFinite(amount) && (currency === null || (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)));
}

export function pointsOf(reasons: readonly SmartPriorityReason[]): number {
  return reasons.reduce((sum, r) => sum + r.points, 0);
}

/** Whole hours waited, or null when the customer is not waiting. */
export function waitingHours(waitingSince: number | null, now: number): number | null {
  if (waitingSince === null) return null;
  return Math.max(0, Math.floor((now - waitingSince) / 3_600_000));
}

/** Waiting points: `waiting_per_hour` per whole hour, at most `waiting_max`. */
export function waitingPoints(hours: number, weights: SmartWeights): number {
  return Math.min(weights.waiting_max, hours * weights.waiting_per_hour);
}

/** The reasons that change with the clock: waiting time and SLA pressure. */
export function timeReasons(input: SmartPriorityTimeInput, weights: SmartWeights): SmartPriorityReason[] {
  const reasons: SmartPriorityReason[] = [];
  const hours = waitingHours(input.waitingSince, input.now);
  if (hours !== null) reasons.push({ kind: 'waiting', detail: String(hours), points: waitingPoints(hours, weights) });
  if (input.slaState === 'breached') reasons.push({ kind: 'sla', detail: 'breached', points: weights.sla_breached });
  else if (input.slaState === 'at_risk') reasons.push({ kind: 'sla', detail: 'at_risk', points: weights.sla_at_risk });
  return reasons;
}

const KIND_ORDER = ['sla', 'trigger', 'tier', 'sentiment', 'waiting', 'lifetime_value', 'followers'];

/** Largest first; equal points in a fixed order of kinds; reasons worth nothing are left out. */
export function sortReasons(reasons: readonly SmartPriorityReason[]): SmartPriorityReason[] {
  return reasons
    .filter((r) => r.points > 0)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.points - a.r.points || KIND_ORDER.indexOf(a.r.kind) - KIND_ORDER.indexOf(b.r.kind) || a.i - b.i)
    .map(({ r }) => r);
}

/** Base reasons (stored) plus the time reasons: the view the UI shows. */
export function combine(base: readonly SmartPriorityReason[], time: readonly SmartPriorityReason[]): SmartPriorityView {
  const reasons = sortReasons([...base, ...time]);
  return { score: pointsOf(reasons), reasons };
}

/** The whole score of a case at `now`. */
export function scoreSmartPriority(input: SmartPriorityInput & SmartPriorityTimeInput, weights: SmartWeights): SmartPriorityView {
  return combine(baseReasons(input, weights), timeReasons(input, weights));
}

/** US dollars per unit of the currencies our customers' stores use (rough, for ranking only). */
const USD_PER_UNIT: Readonly<Record<string, number>> = { USD: 1, EUR: 1.09, GBP: 1.27, KRW: 1 / 1350, JPY: 1 / 150, CAD: 0.73, AUD: 0.66 };
const CURRENCY_OF_LANGUAGE: Readonly<Record<string, string>> = { en: 'USD', ko: 'KRW', ja: 'JPY', de: 'EUR', es: 'EUR', fr: 'EUR' };

/**
 * A lifetime value in dollars, for ranking only. The currency is the value's own when known (that
 * of the customer's orders), else the usual one for their locale (ko → KRW), else dollars.
 */
export function toUsd(amount: number | null, currency: string | null, locale: string | null): number | null {
  if (amount === null) return null;
  const code = currency ?? CURRENCY_OF_LANGUAGE[(locale ?? '').slice(0, 2).toLowerCase()] ?? 'USD';
  return amount * (USD_PER_UNIT[code] ?? 1);
}

/** Merges stored or candidate weights over the defaults, clamping each to 0…SMART_WEIGHT_MAX. */
export function normalizeWeights(partial: Partial<Record<string, unknown>> | null | undefined): SmartWeights {
  const weights = { ...DEFAULT_SMART_WEIGHTS };
  for (const key of SMART_WEIGHT_KEYS) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) weights[key] = Math.min(SMART_WEIGHT_MAX, Math.max(0, Math.round(value)));
  }
  return weights;
}
