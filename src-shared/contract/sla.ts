// SLA clocks in the contract (DESIGN §8, issue 7, docs/sla.md). Policies and their editing are
// defined by the SLA work beside these; the views below are what the inbox and the case show.

export const SLA_TARGETS = ['first_reply', 'next_reply', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** ok; at_risk: under 25 % of the target left, or under 15 min; breached; paused (pending / on hold); met (done in time). */
export type SlaState = 'ok' | 'at_risk' | 'breached' | 'paused' | 'met';

export interface CaseSlaClock {
  target: SlaTarget;
  policyId: number;
  /** When it breaches (ms since the epoch), null while paused or met. */
  dueAt: number | null;
  /** When it turns at risk, null while paused or met. */
  atRiskAt: number | null;
  state: SlaState;
}

export interface CaseSlaView {
  /** The running clock that breaches first (or breached first), null when none runs. */
  next: CaseSlaClock | null;
  clocks: CaseSlaClock[];
}
