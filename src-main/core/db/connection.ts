import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of the profile's database file, or ':memory:' in tests. */
  path: string;
  /** Path of a better-sqlite3 native binding built for another ABI (Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens a profile database: WAL so the inbox reads while sync writes, foreign keys on, a busy
 * timeout for the rare second connection, and the schema migrated to the latest version.
 * The cache runs at synchronous=NORMAL: a power cut may lose the last sync batch, which the
 * cursor (stored in the same transaction) simply fetches again.
 */
export function openDatabase(options: OpenOptions): Db {
  const db = new Database(options.path, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // Checkpoint less often than the default 1000 pages: sync commits a page of 1000 records at a time.
    db.pragma('wal_autocheckpoint = 4000');
    if (!options.readonly) {
      migrate(db);
      // Keep planner statistics current on long-lived connections (sqlite.org/lang_analyze.html).
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
