import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0010 } from '../../../../src-main/core/db/migrations/0010-mail-accounts';

describe('migration 0010: mail accounts', () => {
  it('follows 0009, keeps existing accounts (config NULL) and stores a mailbox configuration', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 10)) m.up(db);
    expect(MIGRATIONS.map((m) => m.version).indexOf(10)).toBe(MIGRATIONS.findIndex((m) => m.version === 9) + 1);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 0)").run();

    migration0010.up(db);

    expect(db.prepare('SELECT config_json FROM accounts WHERE id = 1').pluck().get()).toBeNull();
    const config = JSON.stringify({ imap: { host: '127.0.0.1', port: 143 } });
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, config_json, created_at) VALUES (2, 'email', 'Support', 'imap://127.0.0.1:143/support', 'support@x', ?, 0)").run(config);
    expect(JSON.parse(db.prepare('SELECT config_json FROM accounts WHERE id = 2').pluck().get() as string)).toEqual({ imap: { host: '127.0.0.1', port: 143 } });
    // A Message-ID is a message's remote id: the same one twice in an account is refused.
    db.prepare("INSERT INTO cases (id, account_id, remote_id) VALUES (1, 2, 'mail-abc')").run();
    const insert = db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (2, 'a@b', 1, 'customer', 'email', 1, 'hi', 1)");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    // Connector state: one value per key and account, gone with the account.
    const put = db.prepare('INSERT INTO connector_state (account_id, key, value) VALUES (2, ?, ?) ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value');
    put.run('thread:mail-abc', '{"a":1}');
    put.run('thread:mail-abc', '{"a":2}');
    expect(db.prepare('SELECT value FROM connector_state WHERE account_id = 2').pluck().all()).toEqual(['{"a":2}']);
    db.prepare('DELETE FROM accounts WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) FROM connector_state').pluck().get()).toBe(0);
  });
});
