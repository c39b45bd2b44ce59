import type { Migration } from './migration';

// The presence broker settings (DESIGN §7, docs/presence.md): one row per profile, URL, username
// (the agent id others see) and workspace. The broker password is NOT here: it lives only in the
// SecretStore (the OS keychain) under `presenceSecretKey`.
export const migration0004: Migration = {
  version: 4,
  title: 'presence settings',
  up(db) {
    db.exec(`
      CREATE TABLE presence_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        broker_url TEXT NOT NULL,
        username TEXT NOT NULL,
        workspace TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
