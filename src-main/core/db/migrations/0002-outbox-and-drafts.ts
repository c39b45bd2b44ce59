import type { Migration } from './migration';

// Writes: every agent action is an outbox row written in the same transaction as its optimistic
// effect on the cache (DESIGN §6). The remote state of the editable case fields is kept beside the
// shown state, so pending actions can be re-applied ("rebased") on top of whatever sync brings and
// undone when the agent discards one. Drafts survive restarts and crashes.
export const migration0002: Migration = {
  version: 2,
  title: 'outbox, drafts and remote case fields',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN remote_status TEXT;
      ALTER TABLE cases ADD COLUMN remote_priority TEXT;
      ALTER TABLE cases ADD COLUMN remote_assignee_id INTEGER REFERENCES agents(id) ON DELETE SET NULL;
      ALTER TABLE cases ADD COLUMN remote_group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL;
      ALTER TABLE cases ADD COLUMN remote_tags TEXT;
      UPDATE cases SET remote_status = status, remote_priority = priority, remote_assignee_id = assignee_id,
        remote_group_id = group_id, remote_tags = tags;

      ALTER TABLE messages ADD COLUMN local_action_id TEXT;
      CREATE INDEX messages_local_action ON messages(local_action_id) WHERE local_action_id IS NOT NULL;

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        intent_json TEXT NOT NULL,
        base_version TEXT,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        -- set when a send ended without an answer: check the helpdesk's audits before sending again
        verify_before_send INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        conflict_json TEXT,
        remote_result_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX outbox_case ON outbox(case_id, seq);
      CREATE INDEX outbox_pending ON outbox(state, next_attempt_at) WHERE state != 'sent';

      CREATE TABLE drafts (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        mode TEXT NOT NULL DEFAULT 'reply',
        base_version TEXT,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
