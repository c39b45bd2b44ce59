import type { Migration } from './migration';

// The send-time guard (DESIGN §7, docs/send-guard.md) compares a case with what it was when the
// agent began the draft. A version stamp alone cannot say WHAT changed, so the draft keeps a
// watermark of the thread (the highest local message id then), the helpdesk's fields then, when
// it began (to tell which presence case events are news), and the case events the agent has
// already been shown (so a reply announced by a teammate, shown once, does not stop the send again
// when sync brings its text).
export const migration0005: Migration = {
  version: 5,
  title: 'draft base: what the case was when the draft began',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN base_message_id INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE drafts ADD COLUMN base_fields_json TEXT;
      ALTER TABLE drafts ADD COLUMN base_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE drafts ADD COLUMN acknowledged_json TEXT;
      -- A draft from before this version began "now": nothing it was written against is known.
      UPDATE drafts SET base_at = updated_at,
        base_message_id = coalesce((SELECT max(m.id) FROM messages m WHERE m.case_id = drafts.case_id), 0);
    `);
  },
};
