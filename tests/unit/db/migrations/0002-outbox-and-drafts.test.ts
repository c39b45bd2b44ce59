import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';

describe('migration 0002: outbox, drafts and remote case fields', () => {
  it('keeps existing cases and copies their fields as the remote state', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migration0001.up(db);
    db.prepare(`INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'a@x', 0)`).run();
    db.prepare(`INSERT INTO cases (id, account_id, remote_id, status, priority, tags) VALUES (1, 1, '10', 'open', 'high', 'vip refund')`).run();
    migration0002.up(db);
    expect(db.prepare('SELECT remote_status, remote_priority, remote_tags FROM cases WHERE id = 1').get()).toEqual({ remote_status: 'open', remote_priority: 'high', remote_tags: 'vip refund' });
    db.prepare(`INSERT INTO outbox (id, seq, account_id, case_id, kind, intent_json, created_at, updated_at) VALUES ('a1', 1, 1, 1, 'update', '{}', 0, 0)`).run();
    expect(() => db.prepare(`INSERT INTO outbox (id, seq, account_id, case_id, kind, intent_json, created_at, updated_at) VALUES ('a1', 2, 1, 1, 'update', '{}', 0, 0)`).run()).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO drafts (case_id, body, updated_at) VALUES (1, 'hello', 0)`).run();
    db.prepare('DELETE FROM cases WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  });
});
