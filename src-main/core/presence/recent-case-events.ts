import type { CaseEventView } from '../../../src-shared/contract/models';

/** A teammate's case event as this core received it. */
export interface ReceivedCaseEvent {
  event: CaseEventView;
  /** When it arrived, on this machine's clock (the sender's `at` is theirs). */
  receivedAt: number;
}

const PER_CASE = 20;
const KEEP_MS = 60 * 60_000;

/**
 * The case events other agents announced lately, per local case: the send-time guard reads them to
 * know a teammate replied or changed a field before sync brings it. Memory only: after a restart,
 * sync has long brought what they announced.
 */
export class RecentCaseEvents {
  private readonly byCase = new Map<number, ReceivedCaseEvent[]>();

  constructor(private readonly clock: () => number = Date.now) {}

  add(event: CaseEventView): void {
    const now = this.clock();
    const list = (this.byCase.get(event.caseId) ?? []).filter((e) => now - e.receivedAt < KEEP_MS);
    list.push({ event, receivedAt: now });
    this.byCase.set(event.caseId, list.slice(-PER_CASE));
  }

  /** Events received on `caseId` after `after` (this machine's clock), oldest first. */
  since(caseId: number, after: number): ReceivedCaseEvent[] {
    return (this.byCase.get(caseId) ?? []).filter((e) => e.receivedAt > after);
  }
}
