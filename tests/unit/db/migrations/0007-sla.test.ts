import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';
import { migration0004 } from '../../../../src-main/core/db/migrations/0004-presence-settings';
import { migration0005 } from '../../../../src-main/core/db/migrations/0005-draft-base';
import { migration0006 } from '../../../../src-main/core/db/migrations/0006-macros';
import { migration0007 } from '../../../../src-main/core/db/migrations/0007-sla';

describe('migration 0007: SLA', () => {
  function migrated() {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006]) m.up(db);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'ok', 0)").run();
    db.prepare("INSERT INTO cases (id, account_id, remote_id, status, queue, created_at, updated_at) VALUES (10, 1, '100', 'open', 'open', 1, 2)").run();
    migration0007.up(db);
    return db;
  }
  const insertPolicy = (db: Database.Database, accountId: number | null, remoteId: string | null) =>
    db.prepare('INSERT INTO sla_policies (account_id, remote_id, title, updated_at) VALUES (?, ?, ?, 1)').run(accountId, remoteId, 'P');

  it('stores synced (account + remote id, unique) and local policies (neither), with defaults', () => {
    const db = migrated();
    const columns = (db.prepare('PRAGMA table_info(sla_policies)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'account_id', 'remote_id', 'title', 'description', 'position', 'filter_json', 'targets_json', 'schedule_json', 'pauses_json', 'active', 'local_override', 'updated_at']);
    const synced = Number(insertPolicy(db, 1, '36').lastInsertRowid);
    insertPolicy(db, null, null);
    insertPolicy(db, null, null);
    expect(() => insertPolicy(db, 1, '36')).toThrow(/UNIQUE/);
    expect(() => insertPolicy(db, 1, null)).toThrow(/CHECK/);
    expect(() => insertPolicy(db, 9, '1')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT position, filter_json, targets_json, schedule_json, pauses_json, active, local_override FROM sla_policies WHERE id = ?').get(synced)).toEqual({
      position: 0, filter_json: '{"all":[],"any":[]}', targets_json: '[]', schedule_json: null, pauses_json: '["pending","hold"]', active: 1, local_override: 0,
    });
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM sla_policies').pluck().get()).toBe(2);
  });

  it('adds the due-time columns to existing cases (no clock: sorts last) and the status history, gone with its case', () => {
    const db = migrated();
    expect(db.prepare('SELECT sla_json, sla_next_due_at, sla_next_at_risk_at, sla_sort FROM cases WHERE id = 10').get()).toEqual({
      sla_json: null, sla_next_due_at: null, sla_next_at_risk_at: null, sla_sort: Number.MAX_SAFE_INTEGER,
    });
    db.prepare("INSERT INTO case_status_changes (case_id, at, status) VALUES (10, 5, 'pending')").run();
    db.prepare("INSERT OR IGNORE INTO case_status_changes (case_id, at, status) VALUES (10, 5, 'pending')").run();
    expect(db.prepare('SELECT count(*) FROM case_status_changes').pluck().get()).toBe(1);
    db.prepare('DELETE FROM cases WHERE id = 10').run();
    expect(db.prepare('SELECT count(*) FROM case_status_changes').pluck().get()).toBe(0);
  });

  it('serves the next-breach sort and the running-clock counts from indexes', () => {
    const db = migrated();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT id FROM cases c WHERE c.synced = 1 AND c.queue = 'open' ORDER BY c.sla_sort, c.id LIMIT 100`)).toMatch(/cases_queue_sla/);
    expect(plan(`SELECT group_id, channel, count(*) FROM cases WHERE sla_next_due_at IS NOT NULL GROUP BY group_id, channel`)).toMatch(/COVERING INDEX cases_sla_running/);
  });
});
