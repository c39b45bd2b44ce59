// CRM orders of a person, derived on demand from the seed (nothing stored).
import { CATALOG, CURRENCY_BY_LANGUAGE, localPrice } from '../content/catalog';
import { Rng } from '../random/prng';
import { DAY, isoFromUnix } from '../util/time';
import type { CustomerTier, DemoOrder, Language } from './types';

export interface OrderWithTime extends DemoOrder {
  placedAtSec: number;
  productIndex: number;
}

const ORDER_COUNT: Readonly<Record<CustomerTier, [number, number]>> = {
  standard: [1, 4],
  gold: [3, 8],
  vip: [6, 14],
};

/** All orders of a person, newest first. */
export function ordersForPerson(seed: number, personId: number, language: Language, tier: CustomerTier, anchorSec: number): OrderWithTime[] {
  const rng = Rng.derive(seed, 'orders', personId);
  const [min, max] = ORDER_COUNT[tier];
  const count = rng.range(min, max);
  const orders: OrderWithTime[] = [];
  for (let k = 0; k < count; k++) {
    const placedAtSec = anchorSec - Math.floor(rng.next() * 400 * DAY) - 3600;
    const itemCount = rng.chance(0.7) ? 1 : rng.range(2, 3);
    const items: DemoOrder['items'] = [];
    let total = 0;
    let productIndex = -1;
    for (let j = 0; j < itemCount; j++) {
      const index = rng.int(CATALOG.length);
      const product = CATALOG[index] as (typeof CATALOG)[number];
      if (productIndex < 0) productIndex = index;
      const quantity = rng.chance(0.85) ? 1 : 2;
      items.push({ sku: product.sku, name: product.name[language], quantity });
      total += localPrice(product.priceUsd, language) * quantity;
    }
    orders.push({
      number: `SD-${1_000_000 + rng.int(9_000_000)}`,
      placed_at: isoFromUnix(placedAtSec),
      placedAtSec,
      total: Math.round(total * 100) / 100,
      currency: '',
      status: 'delivered',
      items,
      productIndex,
    });
  }
  orders.sort((a, b) => b.placedAtSec - a.placedAtSec);
  for (let k = 0; k < orders.length; k++) {
    const order = orders[k] as OrderWithTime;
    const ageDays = (anchorSec - order.placedAtSec) / DAY;
    order.currency = currencyOf(language);
    if (ageDays < 2) order.status = 'processing';
    else if (ageDays < 7) order.status = rng.chance(0.7) ? 'shipped' : 'delivered';
    else if (rng.chance(0.06)) order.status = 'refunded';
    else if (rng.chance(0.03)) order.status = 'cancelled';
  }
  return orders;
}

/** A person's orders are in the currency of their language (the same one as their lifetime value). */
function currencyOf(language: Language): string {
  return CURRENCY_BY_LANGUAGE[language].code;
}

/** The public CRM shape (no internal fields). */
export function publicOrder(order: OrderWithTime): DemoOrder {
  return { number: order.number, placed_at: order.placed_at, total: order.total, currency: order.currency, status: order.status, items: order.items };
}
