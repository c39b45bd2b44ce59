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

  it('serves CRM orders for the e-mail of any customer, newest first', () => {
    const customer = ds.endUsers().find((u) => u.email !== null) as DemoUser;
    const orders = ds.ordersForEmail(customer.email as string);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < orders.length; i++) expect((orders[i - 1]?.placed_at ?? '') >= (orders[i]?.placed_at ?? '')).toBe(true);
    expect(ds.ordersForEmail('nobody@nowhere.example')).toEqual([]);
  });
});
