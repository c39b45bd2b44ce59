import { z } from 'zod';
import { SMART_WEIGHT_KEYS, SMART_WEIGHT_MAX, type SmartWeights } from '../domain/smart-priority';

// Smart priority in the contract (DESIGN §8, issue 7, docs/smart-priority.md): a score per case,
// always with its reasons. Rules and weights are defined by the smart-priority work beside these.

export interface SmartPriorityReason {
  /** What the rule looked at, e.g. 'trigger', 'sentiment', 'tier', 'lifetime_value', 'followers', 'waiting', 'sla'. */
  kind: string;
  /** What it found, for the label: a trigger word, a tier, hours waited… */
  detail: string | null;
  points: number;
  /**
   * `lifetime_value`: the value as the customer pane shows it, in the customer's currency (null:
   * not known, shown without a symbol). `detail` keeps the whole dollars the points come from.
   */
  money?: { amount: number; currency: string | null };
}

export interface SmartPriorityView {
  score: number;
  /** Largest first. */
  reasons: SmartPriorityReason[];
}

// --- weights, preview, routing (issue 7: smart priority and routing) -----------------------------
// Kept apart from the rules (src-shared/domain/smart-priority.ts) and imported here for the schemas.


const weight = z.number().int().min(0).max(SMART_WEIGHT_MAX);
/** Every weight, each 0…100 points. */
export const smartWeightsSchema = z.object(Object.fromEntries(SMART_WEIGHT_KEYS.map((k) => [k, weight])) as Record<keyof SmartWeights, typeof weight>).strict();

export interface SmartPrioritySettingsView {
  weights: SmartWeights;
  defaults: SmartWeights;
  /** False while the defaults apply (nothing saved). */
  customized: boolean;
}

/** `priority:preview`: the open queue re-ranked with candidate weights. */
export const smartPreviewInputSchema = z.object({ weights: smartWeightsSchema, limit: z.number().int().min(1).max(50).default(10) }).strict();

export interface SmartPreviewRow {
  caseId: number;
  remoteId: string;
  subject: string;
  customer: string | null;
  smart: SmartPriorityView;
  /** Its place with the saved weights (1 = first), null when not in their top list. */
  savedRank: number | null;
}

export interface SmartPreviewView {
  rows: SmartPreviewRow[];
  /** How many open cases were ranked. */
  considered: number;
}

/** Why an agent is suggested for a case (`routing:suggest`). */
export interface RoutingReason {
  kind: 'group_member' | 'group_history' | 'no_group' | 'load' | 'available' | 'away' | 'offline' | 'presence_unknown';
  /** The group's name, the number of open cases… */
  detail: string | null;
  points: number;
}

export interface RoutingSuggestion {
  agent: { id: number; name: string; email: string | null };
  score: number;
  /** Largest effect first (negative points for load). */
  reasons: RoutingReason[];
  openAssigned: number;
  status: 'available' | 'away' | 'offline' | null;
}

export interface RoutingView {
  caseId: number;
  /** The case's group, when it has one. */
  group: { id: number; name: string } | null;
  suggestions: RoutingSuggestion[];
  /** Where group membership came from: the directory, or the cases agents have worked (no memberships synced). */
  membershipSource: 'directory' | 'case_history';
}
