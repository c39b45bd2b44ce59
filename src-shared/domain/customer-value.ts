// A customer as every screen shows them: their display name, and what they are worth in their
// own currency. ONE function decides both from what the cache holds (the customer record, the
// helpdesk's recorded lifetime value, the cached orders); the inbox row, the case, the customer
// pane, smart priority's reasons, macro placeholders and search all read it, so no two places
// can disagree (docs/smart-priority.md § Lifetime value).

/** What an order contributes: its total, currency (ISO 4217) and status. */
export interface OrderFacts {
  total: number;
  currency: string;
  status: string;
}

/** What the cache holds about a customer. */
export interface CachedCustomer {
  /** `customers.name`; '' for a placeholder whose record has not arrived. */
  name: string | null;
  /** The lifetime value the helpdesk records (a user field), in the customer's own currency; null when not set. */
  recordedLifetimeValue: number | null;
  /** The cached orders, newest first (null: never looked up). */
  orders: readonly OrderFacts[] | null;
}

/** An amount in a currency; `currency` null when it is not known (shown without a symbol). */
export interface Money {
  amount: number;
  currency: string | null;
}

export interface CustomerFigures {
  /** null when nothing names the customer yet (the UI says "Unknown customer" in its language). */
  name: string | null;
  /** null when neither the helpdesk nor the orders say anything. */
  lifetimeValue: Money | null;
}

/** Orders that did not, or no longer, bring money in. */
export const UNCOUNTED_ORDER_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'canceled', 'refunded']);

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** The name to show, trimmed; null when there is none. */
export function customerDisplayName(name: string | null | undefined): string | null {
  const trimmed = (name ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The one currency the orders are in; null when there are none, or they disagree. */
export function currencyOfOrders(orders: readonly Pick<OrderFacts, 'currency'>[] | null): string | null {
  const codes = new Set((orders ?? []).map((order) => order.currency).filter((code) => typeof code === 'string' && CURRENCY_CODE.test(code)));
  return codes.size === 1 ? [...codes][0]! : null;
}

const minorUnitsCache = new Map<string, number>();

/** Digits after the decimal point the currency uses (KRW and JPY 0, USD and EUR 2); 2 when unknown. */
export function minorUnits(currency: string | null): number {
  if (currency === null) return 2;
  let digits = minorUnitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorUnitsCache.set(currency, digits);
  }
  return digits;
}

/** The amount rounded to what the currency can express (no fractions of a won). */
export function roundToCurrency(amount: number, currency: string | null): number {
  const factor = 10 ** minorUnits(currency);
  return Math.round(amount * factor) / factor;
}

/**
 * What the customer is worth, in their currency:
 * - the currency is that of their cached orders when they all share one (the commerce system keeps
 *   the recorded value in the same currency); otherwise it is not known, and no symbol is shown
 *   (a guessed one could be wrong);
 * - the amount is the helpdesk's recorded value, raised to the total of the cached orders that
 *   brought money in (not cancelled or refunded) when those come to more: the orders are the
 *   newest few, so their total is the least the customer has spent, and a stale field of 0 beside
 *   four delivered orders would contradict them;
 * - null when neither says anything.
 */
export function customerLifetimeValue(customer: Pick<CachedCustomer, 'recordedLifetimeValue' | 'orders'>): Money | null {
  const currency = currencyOfOrders(customer.orders);
  const recorded = customer.recordedLifetimeValue !== null && Number.isFinite(customer.recordedLifetimeValue) ? Math.max(0, customer.recordedLifetimeValue) : null;
  const counted = currency === null ? [] : (customer.orders ?? []).filter((order) => !UNCOUNTED_ORDER_STATUSES.has(order.status.toLowerCase()) && Number.isFinite(order.total) && order.total > 0);
  const ordersTotal = counted.length === 0 ? null : counted.reduce((sum, order) => sum + order.total, 0);
  if (recorded === null && ordersTotal === null) return null;
  return { amount: roundToCurrency(Math.max(recorded ?? 0, ordersTotal ?? 0), currency), currency };
}

/** The customer's display name and lifetime value: what every screen shows. */
export function customerFigures(customer: CachedCustomer): CustomerFigures {
  return { name: customerDisplayName(customer.name), lifetimeValue: customerLifetimeValue(customer) };
}

/** Reads cached orders (JSON from the context provider); null for none cached or unreadable. */
export function parseCachedOrders<T extends OrderFacts>(json: string | null): T[] | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value.filter((o) => o !== null && typeof o === 'object' && typeof (o as OrderFacts).total === 'number' && typeof (o as OrderFacts).currency === 'string' && typeof (o as OrderFacts).status === 'string') as T[]) : null;
  } catch {
    return null;
  }
}
