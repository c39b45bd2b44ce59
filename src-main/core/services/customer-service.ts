import type { IdentityKind } from '../../../src-shared/domain/channels';
import type { CustomerDetail, RecentOrderView } from '../../../src-shared/contract/models';
import type { Db } from '../db/connection';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toInboxRow, type CaseRowRecord } from './case-rows';

/** Finds recent orders for a customer's e-mail addresses (a pluggable context provider). */
export type OrdersProvider = (emails: string[]) => Promise<RecentOrderView[] | null>;

const ORDERS_FRESH_MS = 10 * 60_000;

/** A customer as one person: identities across channels, context, orders and every case. */
export class CustomerService {
  constructor(
    private readonly db: Db,
    private readonly ordersProvider: OrdersProvider | null,
    private readonly onOrdersUpdated: (customerId: number) => void,
  ) {}

  get(customerId: number): CustomerDetail | null {
    const row = this.db
      .prepare(
        `SELECT cu.id, cu.name, cu.locale, o.name AS organization, ctx.tier, ctx.lifetime_value AS lifetimeValue, ctx.followers,
           ctx.orders_json AS ordersJson, ctx.orders_fetched_at AS ordersFetchedAt
         FROM customers cu LEFT JOIN organizations o ON o.id = cu.organization_id LEFT JOIN customer_context ctx ON ctx.customer_id = cu.id
         WHERE cu.id = ?`,
      )
      .get(customerId) as
      | { id: number; name: string; locale: string | null; organization: string | null; tier: string | null; lifetimeValue: number | null; followers: number | null; ordersJson: string | null; ordersFetchedAt: number | null }
      | undefined;
    if (!row) return null;
    const identities = this.db.prepare('SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY kind, value').all(customerId) as {
      kind: IdentityKind;
      value: string;
    }[];
    const cases = (this.db.prepare(`SELECT ${CASE_ROW_COLUMNS} FROM cases c ${CASE_ROW_JOINS} WHERE c.customer_id = ? AND c.synced = 1 ORDER BY c.created_at DESC LIMIT 200`).all(customerId) as CaseRowRecord[]).map(toInboxRow);
    const stale = row.ordersFetchedAt === null || Date.now() - row.ordersFetchedAt > ORDERS_FRESH_MS;
    if (stale) void this.refreshOrders(customerId, identities.filter((i) => i.kind === 'email').map((i) => i.value));
    return {
      id: row.id,
      name: row.name || 'Unknown customer',
      organization: row.organization,
      locale: row.locale,
      identities,
      tier: row.tier,
      lifetimeValue: row.lifetimeValue,
      followers: row.followers,
      orders: row.ordersJson ? (JSON.parse(row.ordersJson) as RecentOrderView[]) : null,
      ordersError: null,
      cases,
      csat: cases.filter((c) => c.csat !== null).map((c) => ({ caseId: c.id, score: c.csat!, at: c.updatedAt })),
    };
  }

  private readonly refreshing = new Set<number>();

  /** Fetches orders in the background; a change event tells the UI when they land. */
  async refreshOrders(customerId: number, emails: string[]): Promise<void> {
    if (!this.ordersProvider || emails.length === 0 || this.refreshing.has(customerId)) return;
    this.refreshing.add(customerId);
    try {
      const orders = await this.ordersProvider(emails);
      if (orders === null) return;
      this.db
        .prepare(
          `INSERT INTO customer_context (customer_id, orders_json, orders_fetched_at, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (customer_id) DO UPDATE SET orders_json = excluded.orders_json, orders_fetched_at = excluded.orders_fetched_at`,
        )
        .run(customerId, JSON.stringify(orders), Date.now(), Date.now());
      this.onOrdersUpdated(customerId);
    } catch {
      // Context is a nicety: the customer pane shows the cached orders, or none.
    } finally {
      this.refreshing.delete(customerId);
    }
  }
}
