import type { Statement } from 'better-sqlite3';
import type { IdentityKind } from '../../../../src-shared/domain/channels';
import type { RecentOrderView } from '../../../../src-shared/contract/models';
import { customerFigures, parseCachedOrders, type CustomerFigures } from '../../../../src-shared/domain/customer-value';
import type { Db } from '../connection';

/** A customer as the cache holds them, with what every screen shows (customerFigures). */
export interface CachedCustomerView {
  id: number;
  locale: string | null;
  organization: string | null;
  tier: string | null;
  followers: number | null;
  /** The lifetime value the helpdesk records, as stored (before the orders are taken into account). */
  recordedLifetimeValue: number | null;
  orders: RecentOrderView[] | null;
  ordersFetchedAt: number | null;
  figures: CustomerFigures;
}

interface CustomerRow {
  id: number;
  name: string;
  locale: string | null;
  organization: string | null;
  tier: string | null;
  recordedLifetimeValue: number | null;
  followers: number | null;
  ordersJson: string | null;
  ordersFetchedAt: number | null;
}

const SELECT_CUSTOMER = `SELECT cu.id, cu.name, cu.locale, o.name AS organization, ctx.tier, ctx.lifetime_value AS recordedLifetimeValue, ctx.followers,
    ctx.orders_json AS ordersJson, ctx.orders_fetched_at AS ordersFetchedAt
  FROM customers cu LEFT JOIN organizations o ON o.id = cu.organization_id LEFT JOIN customer_context ctx ON ctx.customer_id = cu.id`;

/** Reads cached customers: record, context, orders and identities. */
export class CustomerReader {
  private readonly s: Record<'byId' | 'byCase' | 'identities', Statement>;

  constructor(db: Db) {
    this.s = {
      byId: db.prepare(`${SELECT_CUSTOMER} WHERE cu.id = ?`),
      byCase: db.prepare(`${SELECT_CUSTOMER} WHERE cu.id = (SELECT customer_id FROM cases WHERE id = ?)`),
      identities: db.prepare('SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY kind, value'),
    };
  }

  get(customerId: number): CachedCustomerView | null {
    return view(this.s.byId.get(customerId) as CustomerRow | undefined);
  }

  /** The customer of a case, or null when it has none. */
  ofCase(caseId: number): CachedCustomerView | null {
    return view(this.s.byCase.get(caseId) as CustomerRow | undefined);
  }

  identities(customerId: number): { kind: IdentityKind; value: string }[] {
    return this.s.identities.all(customerId) as { kind: IdentityKind; value: string }[];
  }
}

function view(row: CustomerRow | undefined): CachedCustomerView | null {
  if (!row) return null;
  const orders = parseCachedOrders<RecentOrderView>(row.ordersJson);
  return {
    id: row.id,
    locale: row.locale,
    organization: row.organization,
    tier: row.tier,
    followers: row.followers,
    recordedLifetimeValue: row.recordedLifetimeValue,
    orders,
    ordersFetchedAt: orders === null ? null : row.ordersFetchedAt,
    figures: customerFigures({ name: row.name, recordedLifetimeValue: row.recordedLifetimeValue, orders }),
  };
}
