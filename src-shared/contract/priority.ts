// Smart priority in the contract (DESIGN §8, issue 7, docs/smart-priority.md): a score per case,
// always with its reasons. Rules and weights are defined by the smart-priority work beside these.

export interface SmartPriorityReason {
  /** What the rule looked at, e.g. 'trigger', 'sentiment', 'tier', 'lifetime_value', 'followers', 'waiting', 'sla'. */
  kind: string;
  /** What it found, for the label: a trigger word, a tier, hours waited… */
  detail: string | null;
  points: number;
}

export interface SmartPriorityView {
  score: number;
  /** Largest first. */
  reasons: SmartPriorityReason[];
}
