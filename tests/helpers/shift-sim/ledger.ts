// What the simulated agent was told, shown and chose, kept by the simulation as a person would
// remember it: the invariants are checked against this and against the helpdesk's own record.
import type { CaseIntent } from '../../../src-shared/domain/case-intent';

/** What the agent had in front of them: the case's version (fields) and the messages in its thread. */
export interface Shown {
  version: string | null;
  commentIds: ReadonlySet<string>;
}

export interface Decision {
  step: number;
  /** The state the outbox showed the action in. */
  state: string;
  choice: 'apply-anyway' | 'discard' | 'edit' | 'retry';
  /** What the conflict (or failure) showed: the case as re-read then. */
  shown: Shown;
}

export interface ToldAction {
  id: string;
  caseId: number;
  ticketId: number;
  intent: CaseIntent;
  /** How it was queued: a field change or bulk edit (`cases:act`), the composer (`cases:send`), or found in the outbox after a crash. */
  via: 'act' | 'send' | 'recovered';
  step: number;
  /** What the agent was shown when it queued the action (the outbox's base, the thread in the cache). */
  shown: Shown;
  /** States the agent saw it in, other than queued/sending (failed, conflict…). */
  seenStates: Set<string>;
  decisions: Decision[];
  /** The agent discarded it (after seeing it fail or conflict). */
  discarded: boolean;
}

export type InvariantName =
  | 'exactly-once'
  | 'nothing-unasked'
  | 'no-unseen-overwrite'
  | 'decisions-recorded'
  | 'sla-matches-helpdesk'
  | 'inbox-counts'
  | 'no-deleted-or-foreign-case'
  | 'drafts-kept'
  | 'integrity'
  | 'cache-converges'
  | 'harness';

export interface Violation {
  invariant: InvariantName;
  detail: string;
}

export interface ShiftCounters {
  steps: number;
  /** Actions the agent was told are queued. */
  actions: number;
  /** Actions seen in conflict. */
  conflicts: number;
  kills: number;
  teammateMoves: number;
  liveChanges: number;
  faults: number;
  offline: number;
  cuts: number;
  sendStops: number;
}

export interface ShiftReport extends ShiftCounters {
  seed: number;
  violations: Violation[];
  ms: number;
}
