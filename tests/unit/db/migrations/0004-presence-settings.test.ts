import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';
import { migration0004 } from '../../../../src-main/core/db/migrations/0004-presence-settings';

describe('migration 0004: presence settings', () => {
  it('keeps one row of URL, username and workspace, and no column for a password', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migration0001.up(db);
    migration0002.up(db);
    migration0003.up(db);
    migration0004.up(db);

    const columns = (db.prepare('PRAGMA table_info(presence_settings)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'broker_url', 'username', 'workspace', 'updated_at']);
    expect(columns.some((c) => /pass|secret|token/i.test(c))).toBe(false);

    const insert = db.prepare('INSERT INTO presence_settings (id, broker_url, username, workspace, updated_at) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, 'mqtt://127.0.0.1:1883', 'ana@acme.example', 'support', 1);
    expect(() => insert.run(2, 'mqtt://x', 'bo', 'support', 1)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'mqtt://x', 'bo', 'support', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare('UPDATE presence_settings SET username = NULL').run()).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT broker_url, username, workspace FROM presence_settings').get()).toEqual({ broker_url: 'mqtt://127.0.0.1:1883', username: 'ana@acme.example', workspace: 'support' });
  });
});
