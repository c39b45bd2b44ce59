// The vocabulary of presence and collision detection (DESIGN §7), shared by core (which speaks
// MQTT) and, later, the contract and the renderer (which show it). The wire format lives in
// src-main/core/presence; docs/presence.md describes both.
import type { CaseStatus } from './case-fields';

/** What an agent says about themselves. `offline` is never chosen: it is what the Last Will, a clean leave or an expired heartbeat mean. */
export const AGENT_STATUSES = ['available', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The statuses an agent can set (`PresenceService.setStatus`). */
export const SETTABLE_AGENT_STATUSES = ['available', 'away'] as const;
export type SettableAgentStatus = (typeof SETTABLE_AGENT_STATUSES)[number];

/** What an agent is doing on a case, from the least to the most urgent for a colleague. */
export const PRESENCE_ACTIVITIES = ['viewing', 'typing', 'sending'] as const;
export type PresenceActivity = (typeof PRESENCE_ACTIVITIES)[number];

/** Things that happened on a case, announced so others know before sync brings the data. */
export const CASE_EVENT_KINDS = ['replied', 'status_changed', 'assigned'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/**
 * The broker connection: `connecting` until the first attempt ends, `connected`, or `unavailable`
 * after a failure or a lost connection (retrying with capped backoff; the app works on without presence).
 */
export const PRESENCE_CONNECTION_STATES = ['connecting', 'connected', 'unavailable'] as const;
export type PresenceConnectionState = (typeof PRESENCE_CONNECTION_STATES)[number];

/** Another agent on a case. */
export interface CasePresence {
  caseKey: string;
  agentId: string;
  name: string;
  activity: PresenceActivity;
  /** When the agent started this activity, by their clock (ms since the epoch). */
  since: number;
  /** When the agent last confirmed it (their heartbeat), by their clock. */
  at: number;
}

/** Another agent's status. `offline` when they left, their Last Will fired, or their heartbeat stopped. */
export interface AgentPresence {
  agentId: string;
  name: string;
  status: AgentStatus;
  /** The case they last entered and have not left, or null. */
  currentCase: string | null;
  at: number;
}

/** A case event received from another agent. */
export interface CaseEventNotice {
  caseKey: string;
  agentId: string;
  name: string;
  kind: CaseEventKind;
  /** The sender's outbox action id: the same action announced twice is reported once. */
  actionId: string;
  at: number;
  /** For `status_changed`. */
  status?: CaseStatus;
  /** For `assigned`: the helpdesk's id of the new assignee, or null when unassigned. */
  assigneeRemoteId?: string | null;
  /** For `replied`: a public reply (false: an internal note). */
  public?: boolean;
  /** The helpdesk's version stamp of the case after the change, when the sender knows it. */
  version?: string;
}

/** The broker connection, as the app shows it. */
export interface PresenceConnectionStatus {
  state: PresenceConnectionState;
  /** Why the last attempt failed or the connection was lost (null while connected). */
  error: string | null;
  /** When the next attempt starts (ms since the epoch), while `unavailable`. */
  nextRetryAt: number | null;
}

/** My own presence, as I published it (or will, once connected). */
export interface MyPresence {
  agentId: string;
  name: string;
  status: SettableAgentStatus;
  currentCase: string | null;
  cases: { caseKey: string; activity: PresenceActivity; since: number }[];
}

/** Everything presence knows: me, the other agents, and who else is on which case. */
export interface PresenceSnapshot {
  connection: PresenceConnectionStatus;
  me: MyPresence;
  /** The other agents we know a status of (offline ones included), by name. */
  agents: AgentPresence[];
  /** Every case another agent is on. */
  cases: Record<string, CasePresence[]>;
}

/** More urgent activities first (sending, typing, viewing). */
export function activityRank(activity: PresenceActivity): number {
  return PRESENCE_ACTIVITIES.indexOf(activity);
}
