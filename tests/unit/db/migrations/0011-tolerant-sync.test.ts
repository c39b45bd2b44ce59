import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0011 } from '../../../../src-main/core/db/migrations/0011-tolerant-sync';

describe('migration 0011: tolerant sync', () => {
  it('follows 0010, keeps existing cases and messages, lists record issues once per record and problem, gone with the account', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 11)) m.up(db);
    expect(MIGRATIONS.map((m) => m.version).indexOf(11)).toBe(MIGRATIONS.findIndex((m) => m.version === 10) + 1);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 0)").run();
    db.prepare("INSERT INTO cases (id, account_id, remote_id, synced) VALUES (1, 1, '42', 1)").run();
    db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, '7', 1, 'customer', 'email', 1, 'hi', 1)").run();

    migration0011.up(db);

    expect(db.prepare('SELECT remote_unmapped FROM cases WHERE id = 1').pluck().get()).toBeNull();
    expect(db.prepare('SELECT channel_raw FROM messages').pluck().get()).toBeNull();
    const put = db.prepare(
      `INSERT INTO sync_record_issues (account_id, kind, remote_id, issue, detail, stream, first_seen_at, last_seen_at) VALUES (1, 'ticket', '43', ?, ?, 'cases', ?, ?)
       ON CONFLICT (account_id, kind, remote_id, issue, detail) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
    );
    put.run('skipped', 'updated_at: expected an ISO 8601 time', 1, 1);
    put.run('skipped', 'updated_at: expected an ISO 8601 time', 2, 2);
    put.run('mapped', 'priority: "critical"', 2, 2);
    expect(db.prepare('SELECT issue, first_seen_at, last_seen_at FROM sync_record_issues ORDER BY issue').all()).toEqual([
      { issue: 'mapped', first_seen_at: 2, last_seen_at: 2 },
      { issue: 'skipped', first_seen_at: 1, last_seen_at: 2 },
    ]);
    expect(() => put.run('lost', 'x', 3, 3)).toThrow(/CHECK/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM sync_record_issues').pluck().get()).toBe(0);
  });
});
