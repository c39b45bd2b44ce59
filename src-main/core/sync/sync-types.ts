import type { SyncStatusView } from '../../../src-shared/contract/sync';

export type SyncState = SyncStatusView['state'];

export type { SyncNotice, SyncProblem } from '../../../src-shared/contract/sync';

/** The engine's progress is the contract's sync status (one type for both sides). */
export type SyncProgress = SyncStatusView;

export interface ChangeSet {
  kinds: ('cases' | 'messages' | 'customers' | 'accounts' | 'directory' | 'outbox' | 'macros')[];
  caseIds: number[];
  customerIds: number[];
}

/** Why the engine did what it did with a stream; tests and the log read these. */
export interface SyncDecision {
  stream: string;
  action: 'pull' | 'skip' | 'follow' | 'retry' | 'stop' | 'degrade' | 'refresh';
  reason: string;
}
