import type { Statement } from 'better-sqlite3';
import type { MacroActions, MacroView } from '../../../../src-shared/contract/macros';
import { toIndexText } from '../../../../src-shared/domain/search-text';
import type { RemoteMacro } from '../../connectors/connector';
import type { Db } from '../connection';

interface RawMacro {
  id: number;
  accountId: number | null;
  remoteId: string | null;
  title: string;
  body: string;
  bodyPublic: number;
  actionsJson: string;
  active: number;
  usageCount: number;
  lastUsedAt: number | null;
  updatedAt: number;
}

export interface MacroRow extends MacroView {
  remoteId: string | null;
  active: boolean;
}

const COLUMNS = `id, account_id AS accountId, remote_id AS remoteId, title, body, body_public AS bodyPublic, actions_json AS actionsJson, active,
  usage_count AS usageCount, last_used_at AS lastUsedAt, updated_at AS updatedAt`;

function toRow(raw: RawMacro): MacroRow {
  return {
    id: raw.id,
    source: raw.accountId === null ? 'personal' : 'shared',
    accountId: raw.accountId,
    remoteId: raw.remoteId,
    title: raw.title,
    body: raw.body,
    bodyPublic: raw.bodyPublic === 1,
    actions: JSON.parse(raw.actionsJson) as MacroActions,
    active: raw.active === 1,
    usageCount: raw.usageCount,
    lastUsedAt: raw.lastUsedAt,
    updatedAt: raw.updatedAt,
  };
}

export function toMacroView(row: MacroRow): MacroView {
  const { remoteId: _remoteId, active: _active, ...view } = row;
  return view;
}

export interface PersonalMacroFields {
  title: string;
  body: string;
  bodyPublic: boolean;
  actions: MacroActions;
}

/** What one macro sync changed: macros added or changed, and macros gone. */
export interface MacroSyncResult {
  upserted: number;
  removed: number;
}

interface StoredShared {
  remoteId: string;
  id: number;
  title: string;
  body: string;
  bodyPublic: number;
  actionsJson: string;
  position: number;
  active: number;
}

/**
 * Resolves a shared macro's remote agent and group ids to this account's local ones (the
 * directory must be synced first); an id the directory does not know is dropped, not guessed.
 */
export function macroActionsResolver(db: Db, accountId: number): (macro: RemoteMacro) => MacroActions {
  const agent = db.prepare('SELECT id FROM agents WHERE account_id = ? AND remote_id = ?').pluck();
  const group = db.prepare('SELECT id FROM groups WHERE account_id = ? AND remote_id = ?').pluck();
  return ({ actions }) => {
    const resolved: MacroActions = {};
    if (actions.status !== undefined) resolved.status = actions.status;
    if (actions.priority !== undefined) resolved.priority = actions.priority;
    if (actions.assignee) {
      if (actions.assignee.kind === 'agent') {
        const agentId = agent.get(accountId, actions.assignee.remoteId) as number | undefined;
        if (agentId !== undefined) resolved.assignee = { kind: 'agent', agentId };
      } else resolved.assignee = actions.assignee;
    }
    if (actions.groupRemoteId !== undefined) {
      if (actions.groupRemoteId === null) resolved.groupId = null;
      else {
        const groupId = group.get(accountId, actions.groupRemoteId) as number | undefined;
        if (groupId !== undefined) resolved.groupId = groupId;
      }
    }
    if (actions.setTags) resolved.setTags = actions.setTags;
    if (actions.addTags && actions.addTags.length > 0) resolved.addTags = actions.addTags;
    if (actions.removeTags && actions.removeTags.length > 0) resolved.removeTags = actions.removeTags;
    return resolved;
  };
}

/**
 * The macros table and its suggestion index (migration 6, docs/macros.md). Shared macros are
 * replaced as a whole per account by `replaceShared` (sync); personal ones change one at a time.
 * Usage counts survive both.
 */
export class MacroRepo {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare(`SELECT ${COLUMNS} FROM macros WHERE id = ?`),
      listActive: db.prepare(`SELECT ${COLUMNS} FROM macros WHERE active = 1 ORDER BY usage_count DESC, title COLLATE NOCASE, id`),
      insertPersonal: db.prepare(
        `INSERT INTO macros (title, body, body_public, actions_json, created_at, updated_at) VALUES (@title, @body, @bodyPublic, @actionsJson, @now, @now) RETURNING id`,
      ),
      updatePersonal: db.prepare(
        `UPDATE macros SET title = @title, body = @body, body_public = @bodyPublic, actions_json = @actionsJson, updated_at = @now WHERE id = @id AND account_id IS NULL`,
      ),
      deletePersonal: db.prepare('DELETE FROM macros WHERE id = ? AND account_id IS NULL'),
      shared: db.prepare('SELECT remote_id AS remoteId, id, title, body, body_public AS bodyPublic, actions_json AS actionsJson, position, active FROM macros WHERE account_id = ?'),
      upsertShared: db.prepare(
        `INSERT INTO macros (account_id, remote_id, title, body, body_public, actions_json, position, active, created_at, updated_at)
         VALUES (@accountId, @remoteId, @title, @body, @bodyPublic, @actionsJson, @position, @active, @createdAt, @updatedAt)
         ON CONFLICT (account_id, remote_id) DO UPDATE SET title = excluded.title, body = excluded.body, body_public = excluded.body_public,
           actions_json = excluded.actions_json, position = excluded.position, active = excluded.active, updated_at = excluded.updated_at
         RETURNING id`,
      ),
      deleteById: db.prepare('DELETE FROM macros WHERE id = ?'),
      deleteFts: db.prepare('DELETE FROM macros_fts WHERE rowid = ?'),
      insertFts: db.prepare('INSERT INTO macros_fts (rowid, title, body) VALUES (?, ?, ?)'),
      countUse: db.prepare('UPDATE macros SET usage_count = usage_count + 1, last_used_at = ? WHERE id = ?'),
      suggest: db.prepare(
        // Title words weigh more than body words; bm25 is lower for better matches.
        `SELECT m.id AS macroId, -hit.rank AS score
         FROM (SELECT rowid, bm25(macros_fts, 4.0, 1.0) AS rank FROM macros_fts WHERE macros_fts MATCH ? ORDER BY rank LIMIT 50) hit
         JOIN macros m ON m.id = hit.rowid
         WHERE m.active = 1 AND (m.account_id IS NULL OR m.account_id = ?)
         ORDER BY hit.rank, m.usage_count DESC, m.id LIMIT ?`,
      ),
    };
  }

  get(id: number): MacroRow | undefined {
    const raw = this.s.get!.get(id) as RawMacro | undefined;
    return raw ? toRow(raw) : undefined;
  }

  /** Active macros, personal and shared: most used first, then by title. */
  listActive(): MacroRow[] {
    return (this.s.listActive!.all() as RawMacro[]).map(toRow);
  }

  private index(id: number, title: string, body: string, replacing: boolean): void {
    if (replacing) this.s.deleteFts!.run(id);
    this.s.insertFts!.run(id, toIndexText(title), toIndexText(body));
  }

  /** Creates (no id) or changes a personal macro; returns its id, or null when `id` is not a personal macro. */
  savePersonal(id: number | undefined, fields: PersonalMacroFields, now: number = Date.now()): number | null {
    const params = { title: fields.title, body: fields.body, bodyPublic: fields.bodyPublic ? 1 : 0, actionsJson: JSON.stringify(fields.actions), now };
    return this.db.transaction(() => {
      if (id === undefined) {
        const created = this.s.insertPersonal!.pluck().get(params) as number;
        this.index(created, fields.title, fields.body, false);
        return created;
      }
      if (this.s.updatePersonal!.run({ ...params, id }).changes === 0) return null;
      this.index(id, fields.title, fields.body, true);
      return id;
    })();
  }

  /** Deletes a personal macro (its index entry goes with it, by trigger). */
  deletePersonal(id: number): boolean {
    return this.s.deletePersonal!.run(id).changes > 0;
  }

  /**
   * Stores an account's shared macros as the helpdesk now has them, in one transaction: new and
   * changed ones are written (usage kept), the ones no longer there or no longer active go.
   * Personal macros are never touched. `resolve` turns remote actions into local ones.
   */
  replaceShared(accountId: number, macros: readonly RemoteMacro[], resolve: (macro: RemoteMacro) => MacroActions, now: number = Date.now()): MacroSyncResult {
    return this.db.transaction(() => {
      const existing = new Map((this.s.shared!.all(accountId) as StoredShared[]).map((r) => [r.remoteId, r]));
      let upserted = 0;
      const seen = new Set<string>();
      for (const macro of macros) {
        if (!macro.active || seen.has(macro.remoteId)) continue;
        seen.add(macro.remoteId);
        const row = {
          accountId,
          remoteId: macro.remoteId,
          title: macro.title,
          body: macro.body,
          bodyPublic: macro.bodyPublic ? 1 : 0,
          actionsJson: JSON.stringify(resolve(macro)),
          position: macro.position,
          active: 1,
          createdAt: macro.createdAt || now,
          updatedAt: macro.updatedAt || now,
        };
        const before = existing.get(macro.remoteId);
        if (before && before.title === row.title && before.body === row.body && before.bodyPublic === row.bodyPublic && before.actionsJson === row.actionsJson && before.position === row.position && before.active === 1) continue;
        const id = this.s.upsertShared!.pluck().get(row) as number;
        if (!before || before.title !== row.title || before.body !== row.body) this.index(id, macro.title, macro.body, before !== undefined);
        upserted++;
      }
      let removed = 0;
      for (const [remoteId, before] of existing) {
        if (seen.has(remoteId)) continue;
        this.s.deleteById!.run(before.id);
        removed++;
      }
      return { upserted, removed };
    })();
  }

  /** One more use of a macro; false when there is no such macro. */
  countUse(id: number, now: number = Date.now()): boolean {
    return this.s.countUse!.run(now, id).changes > 0;
  }

  /** Active macros usable on a case of `accountId` matching an FTS5 expression, best first. */
  suggest(match: string, accountId: number, limit: number): { macroId: number; score: number }[] {
    return this.s.suggest!.all(match, accountId, limit) as { macroId: number; score: number }[];
  }
}
