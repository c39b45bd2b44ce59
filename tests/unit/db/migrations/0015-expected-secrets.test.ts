import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0015 } from '../../../../src-main/core/db/migrations/0015-expected-secrets';

describe('migration 0015: expected secrets', () => {
  it('comes after every earlier migration, keeps accounts and presence settings, and adds flags only (no secret), off by default', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const earlier = MIGRATIONS.filter((m) => m.version < 15);
    expect(MIGRATIONS.indexOf(migration0015)).toBe(earlier.length);
    for (const m of earlier) m.up(db);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'email', 'Support', 'imap://mail:993/support', 'support@x', 0)").run();
    db.prepare("INSERT INTO presence_settings (id, broker_url, username, workspace, updated_at) VALUES (1, 'mqtt://127.0.0.1:1883', 'ana@x', 'support', 1)").run();

    migration0015.up(db);

    expect(db.prepare('SELECT name, separate_smtp_password FROM accounts').get()).toEqual({ name: 'Support', separate_smtp_password: 0 });
    expect(db.prepare('SELECT workspace, needs_password FROM presence_settings').get()).toEqual({ workspace: 'support', needs_password: 0 });
    db.prepare('UPDATE accounts SET separate_smtp_password = 1').run();
    db.prepare('UPDATE presence_settings SET needs_password = 1').run();
    expect(() => db.prepare('UPDATE accounts SET separate_smtp_password = 2').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE presence_settings SET needs_password = 'secret'").run()).toThrow(/CHECK|datatype|cannot store/i);
    // The columns are flags: nothing secret fits in them.
    const types = [...(db.prepare('PRAGMA table_info(accounts)').all() as { name: string; type: string }[]), ...(db.prepare('PRAGMA table_info(presence_settings)').all() as { name: string; type: string }[])]
      .filter((c) => c.name === 'separate_smtp_password' || c.name === 'needs_password')
      .map((c) => c.type);
    expect(types).toEqual(['INTEGER', 'INTEGER']);
  });
});
