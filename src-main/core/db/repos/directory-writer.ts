import type { Statement } from 'better-sqlite3';
import type { RemoteNamed, RemotePerson } from '../../connectors/connector';
import type { Db } from '../connection';

/**
 * Groups, organisations and agents of one account, with remote→local id maps. A case may name an
 * agent or group before the directory stream has delivered it; such references get a placeholder
 * row that the directory fills in later, so no reference is ever dropped. Agents carry whether they
 * are active (deleted and suspended ones are not; placeholders are not until the directory fills them).
 */
export class DirectoryWriter {
  private readonly ids = { groups: new Map<string, number>(), organizations: new Map<string, number>(), agents: new Map<string, number>() };
  private readonly upsertNamed: Record<'groups' | 'organizations', Statement>;
  private readonly placeholderNamed: Record<'groups' | 'organizations', Statement>;
  private readonly selectNamed: Record<'groups' | 'organizations' | 'agents', Statement>;
  private readonly upsertAgentStmt: Statement;
  private readonly placeholderAgentStmt: Statement;

  constructor(
    private readonly db: Db,
    readonly accountId: number,
  ) {
    const named = (table: 'groups' | 'organizations') =>
      db.prepare(`INSERT INTO ${table} (account_id, remote_id, name) VALUES (?, ?, ?) ON CONFLICT (account_id, remote_id) DO UPDATE SET name = excluded.name RETURNING id`);
    this.upsertNamed = { groups: named('groups'), organizations: named('organizations') };
    const placeholder = (table: 'groups' | 'organizations') =>
      db.prepare(`INSERT INTO ${table} (account_id, remote_id, name) VALUES (?, ?, ?) ON CONFLICT (account_id, remote_id) DO NOTHING`);
    this.placeholderNamed = { groups: placeholder('groups'), organizations: placeholder('organizations') };
    const select = (table: string) => db.prepare(`SELECT id FROM ${table} WHERE account_id = ? AND remote_id = ?`).pluck();
    this.selectNamed = { groups: select('groups'), organizations: select('organizations'), agents: select('agents') };
    this.upsertAgentStmt = db.prepare(
      `INSERT INTO agents (account_id, remote_id, name, email, role, active) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, remote_id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, active = excluded.active RETURNING id`,
    );
    // Not known to be an active agent until the directory says so: not offered for assignment.
    this.placeholderAgentStmt = db.prepare(`INSERT INTO agents (account_id, remote_id, name, email, role, active) VALUES (?, ?, ?, NULL, 'agent', 0) ON CONFLICT (account_id, remote_id) DO NOTHING`);
    for (const row of db.prepare('SELECT remote_id, id FROM agents WHERE account_id = ?').all(accountId) as { remote_id: string; id: number }[]) {
      this.ids.agents.set(row.remote_id, row.id);
    }
  }

  /** Forget cached ids (after a rolled-back transaction). */
  reset(): void {
    for (const map of Object.values(this.ids)) map.clear();
    for (const row of this.db.prepare('SELECT remote_id, id FROM agents WHERE account_id = ?').all(this.accountId) as { remote_id: string; id: number }[]) {
      this.ids.agents.set(row.remote_id, row.id);
    }
  }

  upsertGroups(groups: readonly RemoteNamed[]): void {
    for (const g of groups) this.ids.groups.set(g.remoteId, this.upsertNamed.groups.pluck().get(this.accountId, g.remoteId, g.name) as number);
  }

  upsertOrganizations(organizations: readonly RemoteNamed[]): void {
    for (const o of organizations) this.ids.organizations.set(o.remoteId, this.upsertNamed.organizations.pluck().get(this.accountId, o.remoteId, o.name) as number);
  }

  upsertAgent(person: RemotePerson): number {
    const id = this.upsertAgentStmt.pluck().get(this.accountId, person.remoteId, person.name, person.email, person.role, person.active === false ? 0 : 1) as number;
    this.ids.agents.set(person.remoteId, id);
    return id;
  }

  isAgent(remoteId: string | null): boolean {
    return remoteId !== null && this.ids.agents.has(remoteId);
  }

  groupId(remoteId: string | null): number | null {
    return remoteId === null ? null : this.resolveNamed('groups', remoteId, `Group ${remoteId}`);
  }

  organizationId(remoteId: string | null): number | null {
    return remoteId === null ? null : this.resolveNamed('organizations', remoteId, `Organization ${remoteId}`);
  }

  agentId(remoteId: string | null): number | null {
    if (remoteId === null) return null;
    const cached = this.ids.agents.get(remoteId);
    if (cached !== undefined) return cached;
    this.placeholderAgentStmt.run(this.accountId, remoteId, `Agent ${remoteId}`);
    const id = this.selectNamed.agents.get(this.accountId, remoteId) as number;
    this.ids.agents.set(remoteId, id);
    return id;
  }

  private resolveNamed(table: 'groups' | 'organizations', remoteId: string, placeholderName: string): number {
    const cached = this.ids[table].get(remoteId);
    if (cached !== undefined) return cached;
    this.placeholderNamed[table].run(this.accountId, remoteId, placeholderName);
    const id = this.selectNamed[table].get(this.accountId, remoteId) as number;
    this.ids[table].set(remoteId, id);
    return id;
  }
}
