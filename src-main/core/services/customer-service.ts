import type { CustomerDetail, RecentOrderView } from '../../../src-shared/contract/models';
import type { Db } from '../db/connection';
import { CustomerReader } from '../db/repos/customer-reader';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toInboxRow, type CaseRowRecord } from './case-rows';

/** Finds recent orders for a customer's e-mail addresses (a pluggable context provider). */
export type OrdersProvider = (emails: string[]) => Promise<RecentOrderView[] | null>;

const ORDERS_FRESH_MS = 10 * 60_000;
/** After a failed lookup (helpdesk reachable, lookup not), wait this long before the next one. */
export const ORDERS_RETRY_MS = 60_000;

export interface CustomerServiceOptions {
  /**
   * May orders be looked up now? false while the app is offline (working offline by choice, or
   * the helpdesk unreachable): the pane shows the cached orders, and the lookup waits for
   * `resumeOrderLookups`. Default: always.
   */
  mayLookUp?: () => boolean;
  now?: () => number;
}

/** A customer as one person: identities across channels, context, orders and every case. */
export class CustomerService {
  private readonly mayLookUp: () => boolean;
  private readonly now: () => number;
  private readonly refreshing = new Set<number>();
  /** Customers whose lookup waits for the network (they were shown while offline). */
  private readonly deferred = new Set<number>();
  /** Lookups that failed while online: when, and why (shown instead of "Looking up…"). */
  private readonly failed = new Map<number, { at: number; error: string }>();
  private readonly reader: CustomerReader;

  constructor(
    private readonly db: Db,
    private readonly ordersProvider: OrdersProvider | null,
    private readonly onOrdersUpdated: (customerId: number) => void,
    options: CustomerServiceOptions = {},
  ) {
    this.mayLookUp = options.mayLookUp ?? (() => true);
    this.now = options.now ?? Date.now;
    this.reader = new CustomerReader(db);
  }

  get(customerId: number): CustomerDetail | null {
    const customer = this.reader.get(customerId);
    if (!customer) return null;
    const identities = this.reader.identities(customerId);
    const cases = (this.db.prepare(`SELECT ${CASE_ROW_COLUMNS} FROM cases c ${CASE_ROW_JOINS} WHERE c.customer_id = ? AND c.synced = 1 ORDER BY c.created_at DESC LIMIT 200`).all(customerId) as CaseRowRecord[]).map((r) => toInboxRow(r));
    this.lookUpIfStale(customerId, customer.ordersFetchedAt, identities.filter((i) => i.kind === 'email').map((i) => i.value));
    const { name, lifetimeValue } = customer.figures;
    return {
      id: customer.id,
      // '' while nothing names the customer: the pane says so in the agent's language.
      name: name ?? '',
      organization: customer.organization,
      locale: customer.locale,
      identities,
      tier: customer.tier,
      lifetimeValue: lifetimeValue?.amount ?? null,
      lifetimeValueCurrency: lifetimeValue?.currency ?? null,
      followers: customer.followers,
      orders: customer.orders,
      ordersFetchedAt: customer.ordersFetchedAt,
      ordersError: this.failed.get(customerId)?.error ?? null,
      cases,
      csat: cases.filter((c) => c.csat !== null).map((c) => ({ caseId: c.id, score: c.csat!, at: c.updatedAt })),
    };
  }

  /**
   * The network is back: customers shown while offline are announced as changed, so a pane that
   * still shows one asks again and its lookup runs now (customers no longer shown cost nothing).
   */
  resumeOrderLookups(): void {
    const waiting = [...this.deferred];
    this.deferred.clear();
    for (const customerId of waiting) this.onOrdersUpdated(customerId);
  }

  private lookUpIfStale(customerId: number, fetchedAt: number | null, emails: string[]): void {
    if (!this.ordersProvider || emails.length === 0) return;
    if (fetchedAt !== null && this.now() - fetchedAt <= ORDERS_FRESH_MS) return;
    const failure = this.failed.get(customerId);
    if (failure && this.now() - failure.at < ORDERS_RETRY_MS) return;
    if (!this.mayLookUp()) {
      this.deferred.add(customerId);
      return;
    }
    void this.refreshOrders(customerId, emails);
  }

  /** Fetches orders in the background; a change event tells the UI when they land (or did not). */
  async refreshOrders(customerId: number, emails: string[]): Promise<void> {
    if (!this.ordersProvider || emails.length === 0 || this.refreshing.has(customerId)) return;
    this.refreshing.add(customerId);
    try {
      const orders = await this.ordersProvider(emails);
      if (orders === null) return;
      const now = this.now();
      this.db
        .prepare(
          `INSERT INTO customer_context (customer_id, orders_json, orders_fetched_at, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (customer_id) DO UPDATE SET orders_json = excluded.orders_json, orders_fetched_at = excluded.orders_fetched_at`,
        )
        .run(customerId, JSON.stringify(orders), now, now);
      this.failed.delete(customerId);
      this.onOrdersUpdated(customerId);
    } catch (error) {
      // Context is a nicety: the customer pane keeps showing the cached orders, or none. Lost
      // for want of a network, the lookup waits for it; otherwise it is tried again later.
      if (this.mayLookUp()) this.failed.set(customerId, { at: this.now(), error: error instanceof Error ? error.message : String(error) });
      else this.deferred.add(customerId);
      this.onOrdersUpdated(customerId);
    } finally {
      this.refreshing.delete(customerId);
    }
  }
}
