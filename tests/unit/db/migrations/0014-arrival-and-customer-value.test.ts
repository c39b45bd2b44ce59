import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0014 } from '../../../../src-main/core/db/migrations/0014-arrival-and-customer-value';

describe('migration 0014: mail arrival times, customer value from orders', () => {
  it('adds the sender date, has each mailbox read again, keeps helpdesk accounts as they are, and re-scores every case', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 14)) m.up(db);
    const at = MIGRATIONS.findIndex((m) => m.version === 14);
    expect(at).toBeGreaterThan(0);
    expect(MIGRATIONS.slice(0, at).every((m) => m.version < 14)).toBe(true);
    db.exec(`
      INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'helpdesk', 'http://x', 'me@x', 0), (2, 'email', 'mailbox', 'imap://y', 'support@y', 0);
      INSERT INTO sync_cursors (account_id, stream, cursor, complete, updated_at) VALUES (1, 'cases', 'c1', 1, 0), (2, 'inbox', '{"validity":"7","next":40}', 1, 0), (2, 'state', '{"validity":"7","next":3}', 1, 0);
      INSERT INTO connector_state (account_id, key, value) VALUES (1, 'k', 'v'), (2, 'thread:mail-1', '{}');
      INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, 'Ji-woo Park', 0, 0), (2, 'Mia Baker', 0, 0);
      INSERT INTO customer_context (customer_id, lifetime_value, orders_json, updated_at) VALUES (1, 0, NULL, 0), (2, 10, '[]', 0);
      INSERT INTO cases (id, account_id, remote_id, synced, customer_id) VALUES (1, 1, '42', 1, 1), (2, 2, 'mail-1', 1, 2), (3, 1, '43', 1, 2);
      INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (2, 'm1@y', 2, 'customer', 'email', 1, 'hi', 1);
      UPDATE cases SET smart_stale = 0;
    `);

    migration0014.up(db);

    expect(db.prepare('SELECT sender_date FROM messages').pluck().get()).toBeNull();
    expect(db.prepare('SELECT account_id, stream FROM sync_cursors ORDER BY account_id').all()).toEqual([{ account_id: 1, stream: 'cases' }]);
    expect(db.prepare('SELECT account_id, key FROM connector_state').all()).toEqual([{ account_id: 1, key: 'k' }]);
    expect(db.prepare('SELECT count(*) FROM cases WHERE smart_stale = 1').pluck().get()).toBe(3);

    // New orders make the customer's cases stale (their value counts the orders), nobody else's.
    db.exec('UPDATE cases SET smart_stale = 0');
    db.prepare('UPDATE customer_context SET orders_json = ? WHERE customer_id = 1').run('[{"number":"SD-1","total":52000,"currency":"KRW","status":"delivered"}]');
    expect(db.prepare('SELECT id FROM cases WHERE smart_stale = 1').pluck().all()).toEqual([1]);
    // The same orders again (a refresh that found nothing new) change nothing.
    db.exec('UPDATE cases SET smart_stale = 0');
    db.prepare('UPDATE customer_context SET orders_json = orders_json, orders_fetched_at = 5 WHERE customer_id = 1').run();
    expect(db.prepare('SELECT count(*) FROM cases WHERE smart_stale = 1').pluck().get()).toBe(0);
  });
});
