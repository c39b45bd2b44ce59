import type { Migration } from './migration';

// Macros (DESIGN §8, issue 6, docs/macros.md): canned text with placeholders plus field actions.
// Shared macros come from the helpdesk (account_id and remote_id set, replaced by every macro
// sync); personal ones are this profile's own (account_id and remote_id NULL) and sync never
// touches them. `actions_json` holds MacroActions (src-shared/contract/macros.ts) with LOCAL agent
// and group ids. `macros_fts` indexes title and body for suggestions; the text is written by core
// through `toIndexText` (Korean as bigrams, like the other indexes), so rows are added there, and
// a trigger removes a macro's entry however the row goes (account removal cascades included).
export const migration0006: Migration = {
  version: 6,
  title: 'macros',
  up(db) {
    db.exec(`
      CREATE TABLE macros (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        body_public INTEGER NOT NULL DEFAULT 1,
        actions_json TEXT NOT NULL DEFAULT '{}',
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        usage_count INTEGER NOT NULL DEFAULT 0,
        last_used_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (account_id, remote_id),
        CHECK ((account_id IS NULL) = (remote_id IS NULL))
      );
      CREATE INDEX macros_usage ON macros(active, usage_count DESC, title);

      CREATE VIRTUAL TABLE macros_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
      CREATE TRIGGER macros_fts_delete AFTER DELETE ON macros BEGIN
        DELETE FROM macros_fts WHERE rowid = old.id;
      END;
    `);
  },
};
