import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';
import { migration0004 } from '../../../../src-main/core/db/migrations/0004-presence-settings';
import { migration0005 } from '../../../../src-main/core/db/migrations/0005-draft-base';
import { migration0006 } from '../../../../src-main/core/db/migrations/0006-macros';
import { migration0008 } from '../../../../src-main/core/db/migrations/0008-smart-priority';

// Independent of 0007 (SLA, written at the same time): 0008 touches none of its tables or columns.
function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006]) m.up(db);
  db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'ok', 0)").run();
  db.prepare("INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, 'Ann', 0, 0), (2, 'Bo', 0, 0)").run();
  db.prepare("INSERT INTO cases (id, account_id, remote_id, subject, customer_id) VALUES (1, 1, '100', 'Hello', 1), (2, 1, '200', 'Hi', 2)").run();
  migration0008.up(db);
  return db;
}

const stale = (db: Database.Database) => db.prepare('SELECT id FROM cases WHERE smart_stale = 1 ORDER BY id').pluck().all();

describe('migration 0008: smart priority', () => {
  it('adds the score columns with every existing case stale, and the settings table', () => {
    const db = migrated();
    expect(db.prepare('SELECT id, smart_facts, smart_base, smart_score, smart_stale FROM cases ORDER BY id').all()).toEqual([
      { id: 1, smart_facts: null, smart_base: 0, smart_score: 0, smart_stale: 1 },
      { id: 2, smart_facts: null, smart_base: 0, smart_score: 0, smart_stale: 1 },
    ]);
    expect(db.prepare('SELECT count(*) FROM smart_priority_settings').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO smart_priority_settings (id, weights_json, updated_at) VALUES (2, '{}', 0)").run()).toThrow();
  });

  it('marks a case stale when sync changes what the rules read, and not otherwise', () => {
    const db = migrated();
    db.prepare('UPDATE cases SET smart_stale = 0').run();
    db.prepare("UPDATE cases SET status = 'pending', tags = 'x', subject = 'Hello' WHERE id = 1").run();
    expect(stale(db)).toEqual([]);
    db.prepare("UPDATE cases SET subject = 'Refund now' WHERE id = 1").run();
    expect(stale(db)).toEqual([1]);
    db.prepare('UPDATE cases SET smart_stale = 0').run();
    db.prepare('UPDATE cases SET last_customer_message_at = 5 WHERE id = 2').run();
    expect(stale(db)).toEqual([2]);
    db.prepare('UPDATE cases SET smart_stale = 0').run();
    db.prepare("UPDATE cases SET queue = 'solved' WHERE id = 1").run();
    expect(stale(db)).toEqual([1]);
  });

  it('marks a customer’s cases stale when their tier, lifetime value or followers change', () => {
    const db = migrated();
    db.prepare('UPDATE cases SET smart_stale = 0').run();
    db.prepare("INSERT INTO customer_context (customer_id, tier, lifetime_value, followers, updated_at) VALUES (2, 'gold', 100, 5, 0)").run();
    expect(stale(db)).toEqual([2]);
    db.prepare('UPDATE cases SET smart_stale = 0').run();
    db.prepare('UPDATE customer_context SET updated_at = 9, orders_json = ? WHERE customer_id = 2').run('[]');
    expect(stale(db)).toEqual([]);
    db.prepare("UPDATE customer_context SET tier = 'vip' WHERE customer_id = 2").run();
    expect(stale(db)).toEqual([2]);
  });
});
