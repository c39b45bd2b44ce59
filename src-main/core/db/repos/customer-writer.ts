import type { Statement } from 'better-sqlite3';
import { normalizeIdentity, type IdentityKind } from '../../../../src-shared/domain/channels';
import { toIndexText } from '../../../../src-shared/domain/search-text';
import type { RemotePerson } from '../../connectors/connector';
import type { Db } from '../connection';

const TIER_RANK: Record<string, number> = { standard: 1, gold: 2, vip: 3 };

export function identitiesOf(person: RemotePerson): { kind: IdentityKind; value: string }[] {
  const raw: [IdentityKind, string | null][] = [
    ['email', person.email],
    ['phone', person.phone],
    ['twitter', person.twitter],
    ['facebook', person.facebook],
    ['whatsapp', person.whatsapp],
  ];
  const result: { kind: IdentityKind; value: string }[] = [];
  for (const [kind, value] of raw) {
    const normalized = value === null ? null : normalizeIdentity(kind, value);
    if (normalized !== null) result.push({ kind, value: normalized });
  }
  // A WhatsApp number is a phone number: index it as one too, so a caller and a WhatsApp writer merge.
  const whatsapp = result.find((i) => i.kind === 'whatsapp');
  if (whatsapp && !result.some((i) => i.kind === 'phone' && i.value === whatsapp.value)) result.push({ kind: 'phone', value: whatsapp.value });
  return result;
}

/**
 * Customers: one person across channels and accounts. Remote end-user records are attached to a
 * customer; records that share an e-mail, phone number or social handle are merged into one
 * customer (the oldest), moving identities, remote users and cases with them.
 */
export class CustomerWriter {
  private readonly customerOfRemote = new Map<string, number>();
  /** Requesters met before their record (placeholders without a name), to be looked up. */
  private readonly unknown = new Set<string>();
  private readonly s: Record<string, Statement>;

  constructor(
    private readonly db: Db,
    readonly accountId: number,
  ) {
    this.s = {
      remoteUser: db.prepare('SELECT customer_id, remote_updated_at FROM remote_users WHERE account_id = ? AND remote_id = ?'),
      ownerOfIdentity: db.prepare('SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?').pluck(),
      insertCustomer: db.prepare('INSERT INTO customers (name, organization_id, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id').pluck(),
      updateCustomer: db.prepare(
        `UPDATE customers SET name = CASE WHEN ? OR name = '' THEN ? ELSE name END,
           organization_id = coalesce(?, organization_id), locale = coalesce(?, locale), updated_at = ? WHERE id = ?`,
      ),
      upsertRemoteUser: db.prepare(
        `INSERT INTO remote_users (account_id, remote_id, customer_id, name, remote_updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, remote_id) DO UPDATE SET customer_id = excluded.customer_id, name = excluded.name, remote_updated_at = excluded.remote_updated_at`,
      ),
      insertIdentity: db.prepare('INSERT INTO customer_identities (customer_id, kind, value) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING'),
      upsertContext: db.prepare(
        `INSERT INTO customer_context (customer_id, tier, lifetime_value, followers, updated_at) VALUES (@id, @tier, @ltv, @followers, @now)
         ON CONFLICT (customer_id) DO UPDATE SET
           tier = CASE WHEN @tierRank >= coalesce((CASE tier WHEN 'vip' THEN 3 WHEN 'gold' THEN 2 WHEN 'standard' THEN 1 END), 0) THEN coalesce(@tier, tier) ELSE tier END,
           lifetime_value = max(coalesce(lifetime_value, 0), coalesce(@ltv, 0)),
           followers = max(coalesce(followers, 0), coalesce(@followers, 0)),
           updated_at = @now`,
      ),
      moveIdentities: db.prepare('UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?'),
      moveRemoteUsers: db.prepare('UPDATE remote_users SET customer_id = ? WHERE customer_id = ?'),
      moveCases: db.prepare('UPDATE cases SET customer_id = ? WHERE customer_id = ?'),
      contextOf: db.prepare('SELECT tier, lifetime_value AS ltv, followers FROM customer_context WHERE customer_id = ?'),
      deleteCustomer: db.prepare('DELETE FROM customers WHERE id = ?'),
      deleteFts: db.prepare('DELETE FROM customers_fts WHERE rowid = ?'),
      insertFts: db.prepare('INSERT INTO customers_fts (rowid, name, identities) VALUES (?, ?, ?)'),
      nameOf: db.prepare('SELECT name FROM customers WHERE id = ?').pluck(),
      identityValues: db.prepare('SELECT value FROM customer_identities WHERE customer_id = ?').pluck(),
    };
  }

  reset(): void {
    this.customerOfRemote.clear();
  }

  /** The customer behind a remote end-user, creating a placeholder if the user is not known yet. */
  customerIdFor(remoteUserId: string | null, now: number): number | null {
    if (remoteUserId === null) return null;
    const cached = this.customerOfRemote.get(remoteUserId);
    if (cached !== undefined) return cached;
    const row = this.s.remoteUser!.get(this.accountId, remoteUserId) as { customer_id: number } | undefined;
    if (row) {
      this.customerOfRemote.set(remoteUserId, row.customer_id);
      return row.customer_id;
    }
    const id = this.s.insertCustomer!.get('', null, null, now, now) as number;
    this.s.upsertRemoteUser!.run(this.accountId, remoteUserId, id, '', 0);
    this.customerOfRemote.set(remoteUserId, id);
    this.unknown.add(remoteUserId);
    return id;
  }

  /**
   * The requesters met since the last call whose record has not arrived (their customer is a
   * placeholder with no name): sync looks them up rather than show "Unknown customer" until the
   * people stream gets to them.
   */
  takeUnknown(): string[] {
    const ids = [...this.unknown];
    this.unknown.clear();
    return ids;
  }

  /** Stores an end user; `added` is true the first time the user's record (not a placeholder) arrives. */
  upsertPerson(person: RemotePerson, organizationId: number | null, now: number): { customerId: number; added: boolean } {
    this.unknown.delete(person.remoteId);
    const existing = this.s.remoteUser!.get(this.accountId, person.remoteId) as { customer_id: number; remote_updated_at: number } | undefined;
    if (existing && existing.remote_updated_at > person.updatedAt) return { customerId: existing.customer_id, added: false }; // older than what we have
    const identities = identitiesOf(person);
    const candidates = new Set<number>();
    if (existing) candidates.add(existing.customer_id);
    for (const identity of identities) {
      const owner = this.s.ownerOfIdentity!.get(identity.kind, identity.value) as number | undefined;
      if (owner !== undefined) candidates.add(owner);
    }
    let target: number;
    if (candidates.size === 0) {
      target = this.s.insertCustomer!.get(person.name, organizationId, person.locale, person.updatedAt, now) as number;
    } else {
      target = Math.min(...candidates);
      for (const other of candidates) if (other !== target) this.merge(other, target, now);
      // The name from an e-mail identity is usually the real one; a social handle's display name is a fallback.
      this.s.updateCustomer!.run(person.email !== null ? 1 : 0, person.name, organizationId, person.locale, now, target);
    }
    this.s.upsertRemoteUser!.run(this.accountId, person.remoteId, target, person.name, person.updatedAt);
    for (const identity of identities) this.s.insertIdentity!.run(target, identity.kind, identity.value);
    this.upsertContext(target, person.tier, person.lifetimeValue, person.followers, now);
    this.customerOfRemote.set(person.remoteId, target);
    this.reindex(target);
    return { customerId: target, added: !existing || existing.remote_updated_at === 0 };
  }

  private upsertContext(customerId: number, tier: string | null, ltv: number | null, followers: number | null, now: number): void {
    this.s.upsertContext!.run({ id: customerId, tier, tierRank: tier === null ? -1 : (TIER_RANK[tier] ?? 0), ltv, followers, now });
  }

  /** Folds customer `from` into `to`. */
  private merge(from: number, to: number, now: number): void {
    const context = this.s.contextOf!.get(from) as { tier: string | null; ltv: number | null; followers: number | null } | undefined;
    this.s.moveIdentities!.run(to, from);
    this.s.moveRemoteUsers!.run(to, from);
    this.s.moveCases!.run(to, from);
    if (context) this.upsertContext(to, context.tier, context.ltv, context.followers, now);
    const fromName = this.s.nameOf!.get(from) as string | undefined;
    if (fromName) this.s.updateCustomer!.run(0, fromName, null, null, now, to);
    this.s.deleteFts!.run(from);
    this.s.deleteCustomer!.run(from);
    for (const [remote, customer] of this.customerOfRemote) if (customer === from) this.customerOfRemote.set(remote, to);
  }

  private reindex(customerId: number): void {
    const name = (this.s.nameOf!.get(customerId) as string | undefined) ?? '';
    const identities = (this.s.identityValues!.all(customerId) as string[]).join(' ');
    this.s.deleteFts!.run(customerId);
    this.s.insertFts!.run(customerId, toIndexText(name), identities);
  }
}
