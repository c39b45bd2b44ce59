import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';
import { migration0004 } from '../../../../src-main/core/db/migrations/0004-presence-settings';
import { migration0005 } from '../../../../src-main/core/db/migrations/0005-draft-base';

describe('migration 0005: draft base', () => {
  it('gives existing drafts a base of "when last saved, with the thread as it is"', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of [migration0001, migration0002, migration0003, migration0004]) m.up(db);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'ok', 0)").run();
    db.prepare('INSERT INTO cases (id, account_id, remote_id, synced) VALUES (1, 1, ?, 1), (2, 1, ?, 1)').run('100', '200');
    const message = db.prepare("INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, ?, ?, 'customer', 'email', 1, 'hi', 0)");
    message.run('m1', 1);
    message.run('m2', 1);
    db.prepare("INSERT INTO drafts (case_id, body, mode, base_version, updated_at) VALUES (1, 'Hello', 'reply', 'v1', 5000), (2, 'Hi', 'note', NULL, 7000)").run();

    migration0005.up(db);

    expect(db.prepare('SELECT case_id, base_version, base_message_id, base_fields_json, base_at, acknowledged_json FROM drafts ORDER BY case_id').all()).toEqual([
      { case_id: 1, base_version: 'v1', base_message_id: 2, base_fields_json: null, base_at: 5000, acknowledged_json: null },
      { case_id: 2, base_version: null, base_message_id: 0, base_fields_json: null, base_at: 7000, acknowledged_json: null },
    ]);
  });
});
