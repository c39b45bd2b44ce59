import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0013 } from '../../../../src-main/core/db/migrations/0013-case-held-queue';

describe('migration 0013: a held queue per case', () => {
  it('gives queued actions a base (the thread when they were queued, the fields as cached) and records decisions that outlive their action', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 13)) m.up(db);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 0)").run();
    db.prepare(
      "INSERT INTO cases (id, account_id, remote_id, synced, remote_status, remote_priority, remote_tags) VALUES (1, 1, '42', 1, 'open', 'high', 'vip refund'), (2, 1, '43', 1, NULL, NULL, NULL)",
    ).run();
    const message = db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, ?, ?, 'customer', 'email', 1, 'hi', ?)");
    message.run('m1', 1, 1_000); // before the action: seen
    message.run('m2', 1, 9_000); // after it: news
    const action = db.prepare("INSERT INTO outbox (id, seq, account_id, case_id, kind, intent_json, base_version, state, created_at, updated_at) VALUES (?, ?, 1, ?, 'update', '{}', 'v1', ?, 5000, 5000)");
    action.run('a1', 1, 1, 'queued');
    action.run('a2', 2, 2, 'conflict');
    action.run('a3', 3, 1, 'sent');
    message.run('local:a1', 1, 5_000); // an action's own message is never the base

    migration0013.up(db);

    const rows = db.prepare('SELECT id, base_message_id AS messageId, base_message_at AS messageAt, base_fields_json AS fields, review FROM outbox ORDER BY seq').all();
    expect(rows).toEqual([
      { id: 'a1', messageId: 1, messageAt: 1_000, fields: JSON.stringify({ status: 'open', priority: 'high', assigneeId: null, groupId: null, tags: ['vip', 'refund'] }), review: null },
      { id: 'a2', messageId: 0, messageAt: null, fields: null, review: null },
      { id: 'a3', messageId: 0, messageAt: null, fields: null, review: null },
    ]);
    expect(() => db.prepare("UPDATE outbox SET review = 'maybe' WHERE id = 'a1'").run()).toThrow(/CHECK/);

    const decide = db.prepare(
      "INSERT INTO outbox_decisions (action_id, account_id, case_id, choice, intent_json, shown_json, decided_at) VALUES (?, 1, 1, ?, '{}', '{}', 1)",
    );
    decide.run('a1', 'discard');
    db.prepare("DELETE FROM outbox WHERE id = 'a1'").run();
    expect(db.prepare('SELECT action_id, choice FROM outbox_decisions').all()).toEqual([{ action_id: 'a1', choice: 'discard' }]);
    expect(() => decide.run('a2', 'ignored')).toThrow(/CHECK/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM outbox_decisions').pluck().get()).toBe(0);
  });
});
