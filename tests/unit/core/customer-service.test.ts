import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecentOrderView } from '../../../src-shared/contract/models';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { KeytarSecretStore } from '../../../src-main/core/secrets/keytar-secret-store';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { CustomerService, ORDERS_RETRY_MS } from '../../../src-main/core/services/customer-service';

// The customer pane's context from core: the lifetime value's currency, and recent orders when the
// app is offline (nothing is looked up; the lookup runs once the network is back).

const order = (over: Partial<RecentOrderView> = {}): RecentOrderView => ({
  number: 'SD-1000001', placedAt: Date.UTC(2026, 9, 1), total: 162_000, currency: 'KRW', status: 'delivered', items: [{ sku: 'SHO-118', name: '러닝화', quantity: 1 }], ...over,
});

function tempDb(): Db {
  return openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-customers-')), 'p.db') });
}

/** A customer with an e-mail and a lifetime value, and (optionally) orders cached at `fetchedAt`. */
function addCustomer(db: Db, options: { email?: string | null; ltv?: number | null; orders?: RecentOrderView[]; fetchedAt?: number } = {}): number {
  const id = Number(db.prepare("INSERT INTO customers (name, locale, created_at, updated_at) VALUES ('김민지', 'ko', 1, 1)").run().lastInsertRowid);
  const email = options.email === undefined ? `minji${id}@example.com` : options.email;
  if (email) db.prepare("INSERT INTO customer_identities (customer_id, kind, value) VALUES (?, 'email', ?)").run(id, email);
  db.prepare('INSERT INTO customer_context (customer_id, tier, lifetime_value, followers, orders_json, orders_fetched_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1)').run(
    id,
    'gold',
    options.ltv === undefined ? 1_620_000 : options.ltv,
    12,
    options.orders ? JSON.stringify(options.orders) : null,
    options.orders ? (options.fetchedAt ?? Date.now()) : null,
  );
  return id;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('customer lifetime value currency', () => {
  let db: Db;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.close());

  it('is the currency of the customer’s orders', () => {
    const service = new CustomerService(db, null, () => undefined);
    const id = addCustomer(db, { orders: [order(), order({ number: 'SD-1000002', total: 89_000 })] });
    expect(service.get(id)).toMatchObject({ lifetimeValue: 1_620_000, lifetimeValueCurrency: 'KRW' });
  });

  it('is unknown without orders, or when they disagree (never a guessed dollar)', () => {
    const service = new CustomerService(db, null, () => undefined);
    expect(service.get(addCustomer(db))!.lifetimeValueCurrency).toBeNull();
    expect(service.get(addCustomer(db, { orders: [] }))!.lifetimeValueCurrency).toBeNull();
    expect(service.get(addCustomer(db, { orders: [order(), order({ currency: 'USD' })] }))!.lifetimeValueCurrency).toBeNull();
  });
});

describe('recent orders offline', () => {
  let db: Db;
  let online: boolean;
  let provider: ReturnType<typeof vi.fn<(emails: string[]) => Promise<RecentOrderView[] | null>>>;
  let updated: number[];
  let service: CustomerService;

  beforeEach(() => {
    db = tempDb();
    online = true;
    provider = vi.fn(async () => [order()]);
    updated = [];
    service = new CustomerService(db, provider, (id) => updated.push(id), { mayLookUp: () => online });
  });
  afterEach(() => db.close());

  it('looks nothing up while offline, and looks up once the network is back', async () => {
    const id = addCustomer(db);
    online = false;
    expect(service.get(id)).toMatchObject({ orders: null, ordersFetchedAt: null, ordersError: null });
    await settle();
    expect(provider).not.toHaveBeenCalled();

    online = true;
    service.resumeOrderLookups();
    expect(updated, 'the customer shown offline is announced, so the pane asks again').toEqual([id]);
    service.get(id);
    await settle();
    expect(provider).toHaveBeenCalledWith([`minji${id}@example.com`]);
    expect(updated).toEqual([id, id]);
    expect(service.get(id)).toMatchObject({ orders: [order()], ordersFetchedAt: expect.any(Number), lifetimeValueCurrency: 'KRW' });
    // Announced once: nothing waits any more.
    service.resumeOrderLookups();
    expect(updated).toEqual([id, id]);
  });

  it('offline, shows stale cached orders with the time they were looked up', async () => {
    const fetchedAt = Date.now() - 60 * 60_000;
    const id = addCustomer(db, { orders: [order()], fetchedAt });
    online = false;
    expect(service.get(id)).toMatchObject({ orders: [order()], ordersFetchedAt: fetchedAt });
    await settle();
    expect(provider).not.toHaveBeenCalled();
    online = true;
    service.resumeOrderLookups();
    expect(updated).toEqual([id]);
  });

  it('a lookup lost with the network waits for it; one that fails online says so and is not retried at once', async () => {
    const id = addCustomer(db);
    provider.mockImplementationOnce(async () => {
      online = false; // the request found the helpdesk gone
      throw new Error('connect ECONNREFUSED');
    });
    service.get(id);
    await settle();
    expect(updated, 'the pane hears that the lookup ended').toEqual([id]);
    expect(service.get(id)!.ordersError, 'offline is not an error').toBeNull();
    expect(provider).toHaveBeenCalledTimes(1);

    online = true;
    provider.mockRejectedValueOnce(new Error('500 Internal Server Error'));
    service.resumeOrderLookups();
    service.get(id);
    await settle();
    expect(provider).toHaveBeenCalledTimes(2);
    expect(service.get(id)!.ordersError).toContain('500');
    await settle();
    expect(provider, 'no retry loop after a failure').toHaveBeenCalledTimes(2);
  });

  it('tries a failed lookup again after a while', async () => {
    let now = 1_000_000;
    service = new CustomerService(db, provider, (id) => updated.push(id), { mayLookUp: () => true, now: () => now });
    const id = addCustomer(db);
    provider.mockRejectedValueOnce(new Error('500'));
    service.get(id);
    await settle();
    now += ORDERS_RETRY_MS + 1;
    service.get(id);
    await settle();
    expect(provider).toHaveBeenCalledTimes(2);
    expect(service.get(id)).toMatchObject({ orders: [order()], ordersError: null });
  });
});

describe('app:info', () => {
  it('says where tokens are kept', async () => {
    for (const [secrets, kind] of [
      [new MemorySecretStore(), 'memory'],
      [new KeytarSecretStore('Shiftdesk-test', '/nonexistent/keytar'), 'keychain'],
    ] as const) {
      const core = new ShiftdeskCore({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-info-')), 'p.db'), secrets, autoSync: false });
      try {
        expect(await core.call('app:info', {})).toEqual({ secretStore: kind });
      } finally {
        await core.stop();
      }
    }
  });
});
