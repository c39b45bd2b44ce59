import { describe, expect, it } from 'vitest';
import {
  currencyOfOrders,
  customerDisplayName,
  customerFigures,
  customerLifetimeValue,
  minorUnits,
  parseCachedOrders,
  roundToCurrency,
  type OrderFacts,
} from '../../../src-shared/domain/customer-value';

// The one rule every screen shows a customer by (src-shared/domain/customer-value.ts).

const order = (total: number, currency = 'USD', status = 'delivered'): OrderFacts => ({ total, currency, status });

describe('a customer’s display name', () => {
  it('is the cached name, trimmed; nothing when the record has not arrived', () => {
    expect(customerDisplayName('  Mia Baker ')).toBe('Mia Baker');
    expect(customerDisplayName('김민지')).toBe('김민지');
    expect(customerDisplayName('')).toBeNull();
    expect(customerDisplayName('   ')).toBeNull();
    expect(customerDisplayName(null)).toBeNull();
    expect(customerDisplayName(undefined)).toBeNull();
  });
});

describe('a customer’s lifetime value', () => {
  it('is never below what their delivered orders come to: a stale 0 beside four orders is the orders’ total', () => {
    const orders = [order(179.99), order(212.5), order(89.99, 'USD', 'shipped'), order(219)];
    expect(customerLifetimeValue({ recordedLifetimeValue: 0, orders })).toEqual({ amount: 701.48, currency: 'USD' });
    // The helpdesk knows more (older orders than the newest few): its figure stands.
    expect(customerLifetimeValue({ recordedLifetimeValue: 5_000, orders })).toEqual({ amount: 5_000, currency: 'USD' });
  });

  it('leaves out orders that brought nothing in', () => {
    const orders = [order(100), order(900, 'USD', 'refunded'), order(400, 'USD', 'cancelled'), order(50, 'USD', 'Canceled')];
    expect(customerLifetimeValue({ recordedLifetimeValue: null, orders })).toEqual({ amount: 100, currency: 'USD' });
    expect(customerLifetimeValue({ recordedLifetimeValue: 20, orders: [order(900, 'USD', 'refunded')] })).toEqual({ amount: 20, currency: 'USD' });
  });

  it('is in the orders’ currency, with its own minor units: won have none', () => {
    const won = [order(162_000.4, 'KRW'), order(89_000, 'KRW')];
    expect(customerLifetimeValue({ recordedLifetimeValue: 100_000, orders: won })).toEqual({ amount: 251_000, currency: 'KRW' });
    expect(customerLifetimeValue({ recordedLifetimeValue: 1_620_000.6, orders: won })).toEqual({ amount: 1_620_001, currency: 'KRW' });
    expect(customerLifetimeValue({ recordedLifetimeValue: 10.005, orders: [order(1, 'EUR')] })).toEqual({ amount: 10.01, currency: 'EUR' });
  });

  it('names no currency it does not know: no orders, or orders in several', () => {
    expect(customerLifetimeValue({ recordedLifetimeValue: 1_620_000, orders: null })).toEqual({ amount: 1_620_000, currency: null });
    expect(customerLifetimeValue({ recordedLifetimeValue: 1_620_000, orders: [] })).toEqual({ amount: 1_620_000, currency: null });
    // Mixed currencies cannot be added up: the recorded value stands, without a symbol.
    expect(customerLifetimeValue({ recordedLifetimeValue: 300, orders: [order(500, 'USD'), order(90_000, 'KRW')] })).toEqual({ amount: 300, currency: null });
    expect(customerLifetimeValue({ recordedLifetimeValue: 300, orders: [order(500, 'usd')] })).toEqual({ amount: 300, currency: null });
  });

  it('is not set when neither the helpdesk nor the orders say anything', () => {
    expect(customerLifetimeValue({ recordedLifetimeValue: null, orders: null })).toBeNull();
    expect(customerLifetimeValue({ recordedLifetimeValue: null, orders: [] })).toBeNull();
    expect(customerLifetimeValue({ recordedLifetimeValue: null, orders: [order(10, 'USD', 'refunded')] })).toBeNull();
    // A recorded 0 is a value.
    expect(customerLifetimeValue({ recordedLifetimeValue: 0, orders: null })).toEqual({ amount: 0, currency: null });
  });

  it('comes with the name, from one call', () => {
    expect(customerFigures({ name: ' Ji-woo Park ', recordedLifetimeValue: 0, orders: [order(52_000, 'KRW')] })).toEqual({ name: 'Ji-woo Park', lifetimeValue: { amount: 52_000, currency: 'KRW' } });
    expect(customerFigures({ name: '', recordedLifetimeValue: null, orders: null })).toEqual({ name: null, lifetimeValue: null });
  });
});

describe('currencies and cached orders', () => {
  it('knows each currency’s minor units from Intl', () => {
    expect(minorUnits('KRW')).toBe(0);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('BHD')).toBe(3);
    expect(minorUnits(null)).toBe(2);
    expect(roundToCurrency(1234.5, 'KRW')).toBe(1235);
  });

  it('finds the one currency of the orders', () => {
    expect(currencyOfOrders([order(1, 'KRW'), order(2, 'KRW')])).toBe('KRW');
    expect(currencyOfOrders([order(1, 'KRW'), order(2, 'USD')])).toBeNull();
    expect(currencyOfOrders([])).toBeNull();
    expect(currencyOfOrders(null)).toBeNull();
  });

  it('reads cached orders, leaving out what is not an order', () => {
    expect(parseCachedOrders(null)).toBeNull();
    expect(parseCachedOrders('not json')).toBeNull();
    expect(parseCachedOrders('{"orders":[]}')).toBeNull();
    expect(parseCachedOrders('[{"total":5,"currency":"USD","status":"delivered","number":"A"},{"total":"5"},null]')).toEqual([{ total: 5, currency: 'USD', status: 'delivered', number: 'A' }]);
  });
});
