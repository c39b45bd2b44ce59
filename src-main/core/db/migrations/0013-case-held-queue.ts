import type { Migration } from './migration';

// A conflict is about a case, not one action (DESIGN §6, docs/outbox.md). To tell which of a
// case's queued actions would overwrite what someone else changed, each action keeps what the
// case was when it was queued (or when the agent last decided on it): the highest local message id
// then (local ids only grow; no clock needed), the helpdesk's time of its newest message then (an
// older message loaded later is not news; helpdesk times compared with helpdesk times only) and
// the helpdesk's editable fields then. `review`
// marks an action held with a conflict on its case: 'held' (no decision yet) or 'decided'; such an
// action re-reads the case before it goes. Every decision on a held action is recorded with what
// the agent was shown (`outbox_decisions`), and stays after the action is sent or discarded.
export const migration0013: Migration = {
  version: 13,
  title: 'outbox: a held queue per case, each action with its own base and recorded decisions',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN base_message_id INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN base_message_at INTEGER;
      ALTER TABLE outbox ADD COLUMN base_fields_json TEXT;
      ALTER TABLE outbox ADD COLUMN review TEXT CHECK (review IN ('held', 'decided'));
      CREATE TABLE outbox_decisions (
        id INTEGER PRIMARY KEY,
        -- no foreign key: a discarded action is deleted, its decision stays
        action_id TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        choice TEXT NOT NULL CHECK (choice IN ('apply', 'edit', 'discard', 'released')),
        intent_json TEXT NOT NULL,
        edited_intent_json TEXT,
        shown_json TEXT NOT NULL,
        decided_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_decisions_case ON outbox_decisions(case_id, id);
      CREATE INDEX outbox_decisions_action ON outbox_decisions(action_id);
    `);
    // Actions queued before this version: the thread as it stood when they were queued (synced
    // messages by then), and the helpdesk's fields as the cache has them now (the best known).
    db.exec(`
      UPDATE outbox SET base_message_id = coalesce((SELECT max(m.id) FROM messages m
        WHERE m.case_id = outbox.case_id AND m.remote_id NOT LIKE 'local:%' AND m.created_at <= outbox.created_at), 0)
      WHERE state != 'sent';
      UPDATE outbox SET base_message_at = (SELECT max(m.created_at) FROM messages m
        WHERE m.case_id = outbox.case_id AND m.local_action_id IS NULL AND m.id <= outbox.base_message_id)
      WHERE state != 'sent' AND base_message_id > 0;
    `);
    const remote = db.prepare(
      `SELECT o.id, c.remote_status AS status, c.remote_priority AS priority, c.remote_assignee_id AS assigneeId, c.remote_group_id AS groupId, c.remote_tags AS tags
       FROM outbox o JOIN cases c ON c.id = o.case_id WHERE o.state != 'sent' AND c.remote_status IS NOT NULL`,
    );
    const write = db.prepare('UPDATE outbox SET base_fields_json = ? WHERE id = ?');
    for (const row of remote.all() as { id: string; status: string; priority: string | null; assigneeId: number | null; groupId: number | null; tags: string | null }[]) {
      const fields = { status: row.status, priority: row.priority, assigneeId: row.assigneeId, groupId: row.groupId, tags: row.tags ? row.tags.split(' ') : [] };
      write.run(JSON.stringify(fields), row.id);
    }
  },
};
