// Sync status as the renderer sees it: per account, the progress, the steps not working now
// (each a value the UI words in the agent's language, with the technical text one click away),
// and the records sync left out or stored with defaults.

/**
 * What kind of trouble a sync step has. 'secret-missing': the account's token or password is not in
 * the keychain (lost, or the keychain cannot be read), so it cannot sign in until it is entered again.
 */
export type SyncProblem = 'auth' | 'forbidden' | 'not-found' | 'refused' | 'unreadable' | 'unreachable' | 'server' | 'rate-limited' | 'disk-full' | 'secret-missing' | 'other';

/**
 * One step of an account's sync that is not working right now: which step (a stream such as
 * 'agents' or 'cases', or 'identity', 'macros', 'sla-policies', 'refresh', 'threads'), what
 * happened, and when it is tried again. Other steps go on regardless.
 */
export interface SyncNotice {
  step: string;
  problem: SyncProblem;
  /** The helpdesk's HTTP status, when it answered. */
  status: number | null;
  /** 'error': needs the agent or an admin; 'transient': passes by itself; 'offline': the network. */
  severity: 'error' | 'transient' | 'offline';
  /** The technical text (endpoint, status, what the helpdesk said): for the details view and support. */
  detail: string;
  since: number;
  retryAt: number | null;
}

export interface SyncStatusView {
  accountId: number;
  state: 'idle' | 'syncing' | 'following' | 'backing-off' | 'offline' | 'error' | 'stopped';
  phase: 'identity' | 'first-work' | 'queue' | 'history' | 'done';
  /** Cases and messages in the cache / estimated at the remote (null while unknown). */
  cases: { done: number; total: number | null };
  messages: { done: number; total: number | null };
  people: number;
  /** Messages stored but not yet searchable. */
  searchPending: number;
  /** Every open case assigned to me is cached with its full thread. */
  firstWorkReady: boolean;
  historyComplete: boolean;
  lastSyncedAt: number | null;
  /** The technical text of the worst notice (null when all is well). */
  error: string | null;
  nextRetryAt: number | null;
  /** Steps not working now (empty when all is well), worst first. */
  notices: SyncNotice[];
  /** Records sync left out (`skipped`), and values it stored defaults for (`mapped`, distinct values); the list: `sync:recordIssues`. */
  recordIssues: { skipped: number; mapped: number };
  /**
   * Our SLA clocks against the helpdesk's own verdicts (docs/sla.md): on how many cases both
   * exist, on how many clocks they disagree, as of when the helpdesk's record was complete.
   * Absent until compared (or when the helpdesk reports no SLA events).
   */
  slaCheck?: { cases: number; disagreements: number; knownUntil: number };
}

/** A record sync left out or stored with defaults, for the account's details list. */
export interface RecordIssueView {
  kind: string;
  /** The record left out ('' without an id); for a mapped value, one record that had it. */
  remoteId: string;
  issue: 'skipped' | 'mapped';
  /** In the helpdesk's terms: the field and what was wrong with it. */
  detail: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** How often it was seen: for a mapped value, on how many records (pages read again included). */
  occurrences: number;
}
