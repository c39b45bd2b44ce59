import type { Statement } from 'better-sqlite3';
import type { RecordIssue, RecordKind } from '../../connectors/connector';
import type { Db } from '../connection';

export interface RecordIssueRow {
  kind: RecordKind;
  remoteId: string;
  issue: 'skipped' | 'mapped';
  detail: string;
  stream: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

/**
 * The records sync left out or stored with defaults (migration 0011), one row per record and
 * problem. Written inside the page's transaction; a record that later reads cleanly leaves the list.
 */
export class RecordIssues {
  private readonly s: Record<string, Statement>;
  /** Kinds this account has issues of: a clean record of another kind costs nothing. */
  private kinds: Set<string> | null = null;

  constructor(
    db: Db,
    private readonly accountId: number,
  ) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO sync_record_issues (account_id, kind, remote_id, issue, detail, stream, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, kind, remote_id, issue, detail) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      ),
      clear: db.prepare('DELETE FROM sync_record_issues WHERE account_id = ? AND kind = ? AND remote_id = ?'),
      kinds: db.prepare('SELECT DISTINCT kind FROM sync_record_issues WHERE account_id = ?').pluck(),
      counts: db.prepare('SELECT issue, count(*) AS n FROM sync_record_issues WHERE account_id = ? GROUP BY issue'),
      list: db.prepare(
        `SELECT kind, remote_id AS remoteId, issue, detail, stream, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt
         FROM sync_record_issues WHERE account_id = ? ORDER BY issue DESC, last_seen_at DESC, kind, remote_id LIMIT ?`,
      ),
    };
  }

  reset(): void {
    this.kinds = null;
  }

  private knownKinds(): Set<string> {
    this.kinds ??= new Set(this.s.kinds!.all(this.accountId) as string[]);
    return this.kinds;
  }

  /** Records of `kind` that read cleanly now: any issue listed for them is over. */
  cleared(kind: RecordKind, remoteIds: Iterable<string>): void {
    if (!this.knownKinds().has(kind)) return;
    for (const remoteId of remoteIds) this.s.clear!.run(this.accountId, kind, remoteId);
  }

  record(issues: readonly RecordIssue[], stream: string | null, now: number): void {
    // A record's issues are replaced as a whole: the ones it has now are the ones it keeps.
    const records = new Set(issues.map((i) => `${i.kind}\u0000${keyOf(i)}`));
    for (const key of records) {
      const [kind, remoteId] = key.split('\u0000') as [RecordKind, string];
      if (this.knownKinds().has(kind)) this.s.clear!.run(this.accountId, kind, remoteId);
    }
    for (const issue of issues) {
      this.s.upsert!.run(this.accountId, issue.kind, keyOf(issue), issue.issue, issue.detail.slice(0, 500), stream, now, now);
      this.knownKinds().add(issue.kind);
    }
  }

  counts(): { skipped: number; mapped: number } {
    const out = { skipped: 0, mapped: 0 };
    for (const row of this.s.counts!.all(this.accountId) as { issue: 'skipped' | 'mapped'; n: number }[]) out[row.issue] = row.n;
    return out;
  }

  /** The newest first; a record without an id has '' as its id. */
  list(limit = 500): RecordIssueRow[] {
    return (this.s.list!.all(this.accountId, limit) as RecordIssueRow[]).map((row) => (row.remoteId.startsWith(ANONYMOUS) ? { ...row, remoteId: '' } : row));
  }
}

/** Stored as the id of a record without one: its fingerprint, so two such records count twice. */
const ANONYMOUS = 'anon:';

function keyOf(issue: RecordIssue): string {
  return issue.remoteId ?? (issue.fingerprint ? `${ANONYMOUS}${issue.fingerprint}` : '');
}
