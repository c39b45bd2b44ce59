import type { Transaction } from 'better-sqlite3';
import { toIndexText } from '../../../../src-shared/domain/search-text';
import type { Db } from '../connection';

/**
 * Keeps messages_fts caught up with the messages table. It runs behind sync in its own short
 * transactions, so a million-message backfill makes cases and threads readable first and
 * searchable a little later; its position is stored with the rows it indexed, so a crash neither
 * skips nor repeats a message.
 */
export class SearchIndexer {
  private readonly indexBatch: Transaction<(limit: number) => number>;
  private readonly pendingStmt;

  constructor(db: Db) {
    const position = db.prepare(`SELECT position FROM index_state WHERE name = 'messages_fts'`).pluck();
    const next = db.prepare('SELECT id, body_text FROM messages WHERE id > ? ORDER BY id LIMIT ?');
    const insert = db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)');
    const save = db.prepare(`UPDATE index_state SET position = ? WHERE name = 'messages_fts'`);
    // Message ids are allocated in ascending order, so the gap between the newest id and the
    // indexed position is the backlog, read in O(1) instead of counting rows.
    this.pendingStmt = db.prepare(`SELECT coalesce(max(id), 0) - (SELECT position FROM index_state WHERE name = 'messages_fts') FROM messages`).pluck();
    this.indexBatch = db.transaction((limit: number) => {
      const rows = next.all(position.get() as number, limit) as { id: number; body_text: string }[];
      for (const row of rows) insert.run(row.id, toIndexText(row.body_text));
      if (rows.length > 0) save.run(rows[rows.length - 1]!.id);
      return rows.length;
    });
  }

  /** Indexes up to `limit` messages; returns how many it did (0 when caught up). */
  step(limit = 5000): number {
    const started = performance.now();
    const indexed = this.indexBatch.immediate(limit);
    this.stats.rows += indexed;
    this.stats.ms += performance.now() - started;
    return indexed;
  }

  /** Rows indexed and time spent, for the ingest benchmark. */
  readonly stats = { rows: 0, ms: 0 };

  pending(): number {
    return Math.max(0, this.pendingStmt.get() as number);
  }
}
