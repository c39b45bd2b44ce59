import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0009 } from '../../../../src-main/core/db/migrations/0009-supervisor-indexes';

describe('migration 0009: supervisor indexes', () => {
  function migratedTo8() {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 9)) m.up(db);
    return db;
  }
  const plan = (db: Database.Database, sql: string, ...args: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('follows 0008 and adds the indexes the panel reads through, keeping existing rows', () => {
    const db = migratedTo8();
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'ok', 0)").run();
    db.prepare("INSERT INTO cases (id, account_id, remote_id, channel, queue, created_at, updated_at, csat) VALUES (1, 1, '100', 'email', 'open', 5, 6, 'good')").run();
    db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, 'm1', 1, 'agent', 'email', 1, 'hi', 7)").run();
    expect(MIGRATIONS.map((m) => m.version).indexOf(9)).toBe(MIGRATIONS.findIndex((m) => m.version === 8) + 1);

    migration0009.up(db);

    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('cases_created', 'cases_csat_updated', 'cases_supervisor_unsolved', 'cases_sla_updated', 'messages_agent_public_created', 'messages_agent_public_case') ORDER BY name").pluck().all();
    expect(names).toEqual(['cases_created', 'cases_csat_updated', 'cases_sla_updated', 'cases_supervisor_unsolved', 'messages_agent_public_case', 'messages_agent_public_created']);
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(1);

    // the panel's queries use them (covering where it matters)
    expect(plan(db, "SELECT group_id, channel, assignee_id, count(*), min(waiting_since) FROM cases WHERE synced = 1 AND queue = ? GROUP BY group_id, channel, assignee_id", 'open')).toContain('COVERING INDEX cases_supervisor_unsolved');
    expect(plan(db, "SELECT case_id, account_id, author_remote_id FROM messages WHERE author_kind = 'agent' AND public = 1 AND created_at >= ?", 0)).toContain('COVERING INDEX messages_agent_public_created');
    expect(plan(db, "SELECT min(created_at) FROM messages WHERE case_id = ? AND author_kind = 'agent' AND public = 1", 1)).toContain('messages_agent_public_case');
    expect(plan(db, 'SELECT channel, group_id, created_at FROM cases WHERE synced = 1 AND created_at >= ?', 0)).toContain('COVERING INDEX cases_created');
    expect(plan(db, 'SELECT csat FROM cases WHERE synced = 1 AND csat IS NOT NULL AND updated_at >= ?', 0)).toContain('cases_csat_updated');
  });
});
