import type { StreamPhase } from '../connectors/connector';

export type SyncState = 'idle' | 'syncing' | 'following' | 'backing-off' | 'offline' | 'error' | 'stopped';

export interface SyncProgress {
  accountId: number;
  state: SyncState;
  phase: StreamPhase | 'done';
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
  error: string | null;
  nextRetryAt: number | null;
}

export interface ChangeSet {
  kinds: ('cases' | 'messages' | 'customers' | 'accounts' | 'directory' | 'outbox' | 'macros')[];
  caseIds: number[];
  customerIds: number[];
}

/** Why the engine did what it did with a stream; tests and the log read these. */
export interface SyncDecision {
  stream: string;
  action: 'pull' | 'skip' | 'follow' | 'retry' | 'stop';
  reason: string;
}
