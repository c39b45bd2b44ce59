import type { Statement } from 'better-sqlite3';
import type { RecordIssue, RecordKind } from '../../connectors/connector';
import type { Db } from '../connection';

export interface RecordIssueRow {
  kind: RecordKind;
  /** The record skipped ('' when it had no id), or for a value mapped, one record that had it. */
  remoteId: string;
  issue: 'skipped' | 'mapped';
  detail: string;
  stream: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** How often it was seen (a mapped value: on how many records, pages read again included). */
  occurrences: number;
}

/**
 * The records sync left out or stored with defaults (migration 0011), one row per record and
 * problem. Written inside the page's transaction; a record that later reads cleanly leaves the list.
 */
export class RecordIssues {
  private readonly s: Record<string, Statement>;
  /**
   * The records this account has issues for (kind and id): few, read once and kept in step, so a
   * clean record costs a lookup in memory, not a DELETE (a million comments go by in a backfill).
   */
  private listed: Set<string> | null = null;

  constructor(
    db: Db,
    private readonly accountId: number,
  ) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO sync_record_issues (account_id, kind, remote_id, issue, detail, stream, first_seen_at, last_seen_at) VALUES (?, ?, ?, 'skipped', ?, ?, ?, ?)
         ON CONFLICT (account_id, kind, remote_id, issue, detail) DO UPDATE SET last_seen_at = excluded.last_seen_at, occurrences = occurrences + 1`,
      ),
      upsertMapped: db.prepare(
        `INSERT INTO sync_record_issues (account_id, kind, remote_id, issue, detail, stream, first_seen_at, last_seen_at, example_id, occurrences) VALUES (?, ?, '', 'mapped', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, kind, remote_id, issue, detail) DO UPDATE SET last_seen_at = excluded.last_seen_at, occurrences = occurrences + excluded.occurrences`,
      ),
      clear: db.prepare('DELETE FROM sync_record_issues WHERE account_id = ? AND kind = ? AND remote_id = ?'),
      listed: db.prepare("SELECT DISTINCT kind, remote_id AS remoteId FROM sync_record_issues WHERE account_id = ? AND issue = 'skipped'"),
      counts: db.prepare('SELECT issue, count(*) AS n FROM sync_record_issues WHERE account_id = ? GROUP BY issue'),
      list: db.prepare(
        `SELECT kind, CASE WHEN issue = 'mapped' THEN coalesce(example_id, '') ELSE remote_id END AS remoteId, issue, detail, stream,
           first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, occurrences
         FROM sync_record_issues WHERE account_id = ? ORDER BY issue DESC, last_seen_at DESC, kind, remote_id LIMIT ?`,
      ),
    };
  }

  reset(): void {
    this.listed = null;
  }

  private listedRecords(): Set<string> {
    this.listed ??= new Set((this.s.listed!.all(this.accountId) as { kind: string; remoteId: string }[]).map((r) => `${r.kind}\u0000${r.remoteId}`));
    return this.listed;
  }

  /** Records of `kind` that read cleanly now: a skip listed for them is over. */
  cleared(kind: RecordKind, remoteIds: Iterable<string>): void {
    const listed = this.listedRecords();
    if (listed.size === 0) return;
    for (const remoteId of remoteIds) {
      const key = `${kind}\u0000${remoteId}`;
      if (!listed.has(key)) continue;
      this.s.clear!.run(this.accountId, kind, remoteId);
      listed.delete(key);
    }
  }

  record(issues: readonly RecordIssue[], stream: string | null, now: number): void {
    const skipped = issues.filter((i) => i.issue === 'skipped');
    // A skipped record's problems are replaced as a whole: the ones it has now are the ones it keeps.
    const listed = this.listedRecords();
    const records = new Set(skipped.map((i) => `${i.kind}\u0000${keyOf(i)}`));
    for (const key of records) {
      const [kind, remoteId] = key.split('\u0000') as [RecordKind, string];
      if (listed.has(key)) this.s.clear!.run(this.accountId, kind, remoteId);
    }
    for (const issue of skipped) {
      this.s.upsert!.run(this.accountId, issue.kind, keyOf(issue), issue.detail.slice(0, 500), stream, now, now);
      listed.add(`${issue.kind}\u0000${keyOf(issue)}`);
    }
    // Mapped values: one line per value, with the page's first record that had it.
    const mapped = new Map<string, { kind: RecordKind; detail: string; example: string | null; count: number }>();
    for (const issue of issues) {
      if (issue.issue !== 'mapped') continue;
      const detail = issue.detail.slice(0, 500);
      const key = `${issue.kind}\u0000${detail}`;
      const entry = mapped.get(key);
      if (entry) entry.count++;
      else mapped.set(key, { kind: issue.kind, detail, example: issue.remoteId, count: 1 });
    }
    for (const m of mapped.values()) this.s.upsertMapped!.run(this.accountId, m.kind, m.detail, stream, now, now, m.example, m.count);
  }

  /** Records skipped, and distinct values mapped. */
  counts(): { skipped: number; mapped: number } {
    const out = { skipped: 0, mapped: 0 };
    for (const row of this.s.counts!.all(this.accountId) as { issue: 'skipped' | 'mapped'; n: number }[]) out[row.issue] = row.n;
    return out;
  }

  /** The newest first; a record without an id has '' as its id; a mapped value names one record that had it. */
  list(limit = 500): RecordIssueRow[] {
    return (this.s.list!.all(this.accountId, limit) as RecordIssueRow[]).map((row) => (row.remoteId.startsWith(ANONYMOUS) ? { ...row, remoteId: '' } : row));
  }
}

/** Stored as the id of a record without one: its fingerprint, so two such records count twice. */
const ANONYMOUS = 'anon:';

function keyOf(issue: RecordIssue): string {
  return issue.remoteId ?? (issue.fingerprint ? `${ANONYMOUS}${issue.fingerprint}` : '');
}
