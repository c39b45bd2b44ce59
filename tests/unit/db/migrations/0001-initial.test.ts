import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';

describe('migration 0001: initial cache schema', () => {
  it('creates the cache tables, indexes and full-text indexes on an empty database', () => {
    const db = new Database(':memory:');
    migration0001.up(db);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index')`).pluck().all() as string[]).sort();
    for (const table of ['accounts', 'cases', 'messages', 'customers', 'customer_identities', 'customer_context', 'agents', 'groups', 'sync_cursors', 'cases_fts', 'messages_fts', 'customers_fts']) {
      expect(names).toContain(table);
    }
    expect(names).toContain('cases_queue_created');
    expect(db.prepare(`SELECT position FROM index_state WHERE name = 'messages_fts'`).pluck().get()).toBe(0);
  });

  it('enforces one message per remote id and cascades an account delete', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migration0001.up(db);
    db.prepare(`INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'a@x', 0)`).run();
    db.prepare(`INSERT INTO cases (id, account_id, remote_id) VALUES (1, 1, '10')`).run();
    const insert = db.prepare(`INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, '5', 1, 'customer', 'email', 1, 'hi', 0)`);
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
  });
});
