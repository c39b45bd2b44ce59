import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';
import { migration0004 } from '../../../../src-main/core/db/migrations/0004-presence-settings';
import { migration0005 } from '../../../../src-main/core/db/migrations/0005-draft-base';
import { migration0006 } from '../../../../src-main/core/db/migrations/0006-macros';
import { toIndexText } from '../../../../src-shared/domain/search-text';

describe('migration 0006: macros', () => {
  function migrated() {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005]) m.up(db);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'ok', 0)").run();
    migration0006.up(db);
    return db;
  }
  const insert = (db: Database.Database, accountId: number | null, remoteId: string | null, title: string, body: string) => {
    const id = Number(
      db.prepare('INSERT INTO macros (account_id, remote_id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)').run(accountId, remoteId, title, body).lastInsertRowid,
    );
    db.prepare('INSERT INTO macros_fts (rowid, title, body) VALUES (?, ?, ?)').run(id, toIndexText(title), toIndexText(body));
    return id;
  };
  const hits = (db: Database.Database, match: string) => db.prepare('SELECT rowid FROM macros_fts WHERE macros_fts MATCH ? ORDER BY rowid').pluck().all(match);

  it('stores shared (account + remote id, unique) and personal macros (neither), with defaults', () => {
    const db = migrated();
    const columns = (db.prepare('PRAGMA table_info(macros)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'account_id', 'remote_id', 'title', 'body', 'body_public', 'actions_json', 'position', 'active', 'usage_count', 'last_used_at', 'created_at', 'updated_at']);
    const shared = insert(db, 1, '360001', 'Refund issued', 'Hi {{customer.first_name}}');
    insert(db, null, null, 'Mine', 'text');
    insert(db, null, null, 'Mine too', 'text');
    expect(() => insert(db, 1, '360001', 'Again', '')).toThrow(/UNIQUE/);
    expect(() => insert(db, 1, null, 'Half', '')).toThrow(/CHECK/);
    expect(() => insert(db, 99, '1', 'No account', '')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT body_public, actions_json, position, active, usage_count, last_used_at FROM macros WHERE id = ?').get(shared)).toEqual({
      body_public: 1, actions_json: '{}', position: 0, active: 1, usage_count: 0, last_used_at: null,
    });
  });

  it('indexes title and body (Korean as bigrams), and drops the index entry with the row, also when the account goes', () => {
    const db = migrated();
    const shared = insert(db, 1, '1', 'Refund issued', 'Your refund is on its way');
    const personal = insert(db, null, null, '환불 안내', '환불 요청이 접수되었습니다');
    expect(hits(db, 'refund')).toEqual([shared]);
    expect(hits(db, '"환불"')).toEqual([personal]);
    expect(hits(db, '"접수"')).toEqual([personal]);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT id FROM macros').pluck().all()).toEqual([personal]);
    expect(hits(db, 'refund')).toEqual([]);
    db.prepare('DELETE FROM macros WHERE id = ?').run(personal);
    expect(hits(db, '"환불"')).toEqual([]);
  });
});
