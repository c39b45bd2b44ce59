import { describe, expect, it } from 'vitest';
import { generateDataset, type DemoUser } from '../../../src-main/demo';

const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);

/** Identity values a client merges customers on, normalised per kind. */
function identities(user: DemoUser): string[] {
  const ids: string[] = [];
  if (user.email) ids.push(`email:${user.email.toLowerCase()}`);
  if (user.phone) ids.push(`phone:${user.phone}`);
  if (user.user_fields.whatsapp_phone) ids.push(`phone:${user.user_fields.whatsapp_phone}`);
  if (user.user_fields.twitter_handle) ids.push(`twitter:${user.user_fields.twitter_handle.toLowerCase()}`);
  if (user.user_fields.facebook_id) ids.push(`facebook:${user.user_fields.facebook_id}`);
  return [...new Set(ids)];
}

describe('customers across channels', () => {
  const ds = generateDataset({ seed: 5, cases: 2000, anchorTime });

  it('links every record of a person to the others through a shared identity', () => {
    let multi = 0;
    for (let personId = 0; personId < ds.personCount; personId++) {
      const users = ds.usersOfPerson(personId).map((id) => ds.user(id) as DemoUser);
      expect(users.length).toBeGreaterThanOrEqual(1);
      expect(users.length).toBeLessThanOrEqual(3);
      for (const user of users) expect(ds.personOfUser(user.id)).toBe(personId);
      if (users.length === 1) continue;
      multi++;
      const primary = new Set(identities(users[0] as DemoUser));
      for (const other of users.slice(1)) expect(identities(other).some((id) => primary.has(id))).toBe(true);
    }
    expect(multi).toBeGreaterThan(ds.personCount * 0.1);
  });

  it('never shares an identity between different people', () => {
    const owner = new Map<string, number>();
    for (const user of ds.endUsers()) {
      const person = ds.personOfUser(user.id) as number;
      for (const id of identities(user)) {
        const existing = owner.get(id);
        if (existing !== undefined) expect(existing).toBe(person);
        owner.set(id, person);
      }
    }
  });

  it('has social-only records without e-mail', () => {
    const endUsers = ds.endUsers();
    expect(endUsers.filter((u) => u.email === null && u.user_fields.twitter_handle !== null).length).toBeGreaterThan(10);
    expect(endUsers.filter((u) => u.email === null && u.user_fields.whatsapp_phone !== null).length).toBeGreaterThan(10);
    expect(endUsers.every((u) => identities(u).length > 0)).toBe(true);
  });

  it('has no person for agents', () => {
    for (const agent of ds.agents()) expect(ds.personOfUser(agent.id)).toBeUndefined();
  });

  it('keeps each customer’s lifetime value in the currency of their orders (won for Korean customers)', () => {
    const seen = new Set<string>();
    for (const user of ds.endUsers()) {
      const fields = user.user_fields;
      expect(fields.lifetime_value_currency, `user ${user.id}`).toMatch(/^(USD|KRW|EUR|JPY)$/);
      seen.add(fields.lifetime_value_currency!);
      if (user.locale === 'ko') {
        expect(fields.lifetime_value_currency).toBe('KRW');
        // Won, not dollars: whole hundreds, at least ₩20 000 (the smallest value is $20).
        expect(fields.lifetime_value % 100).toBe(0);
        expect(fields.lifetime_value).toBeGreaterThanOrEqual(20 * 1350 - 100);
      }
      if (!user.email) continue;
      for (const order of ds.ordersForEmail(user.email)) expect(order.currency, `orders of user ${user.id}`).toBe(fields.lifetime_value_currency);
    }
    expect([...seen].sort()).toEqual(['EUR', 'JPY', 'KRW', 'USD']);
    // Every record of a person says the same.
    for (let personId = 0; personId < ds.personCount; personId++) {
      const values = new Set(ds.usersOfPerson(personId).map((id) => `${ds.user(id)!.user_fields.lifetime_value} ${ds.user(id)!.user_fields.lifetime_value_currency}`));
      expect(values.size).toBe(1);
    }
  });

  it('serves CRM orders for the e-mail of any customer, newest first', () => {
    const customer = ds.endUsers().find((u) => u.email !== null) as DemoUser;
    const orders = ds.ordersForEmail(customer.email as string);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < orders.length; i++) expect((orders[i - 1]?.placed_at ?? '') >= (orders[i]?.placed_at ?? '')).toBe(true);
    expect(ds.ordersForEmail('nobody@nowhere.example')).toEqual([]);
  });
});
