// The supervisor panel and the wallboard (issue 7, docs/supervisor.md): live queue figures per
// group and per channel, the agents, and two charts — all computed by core from the cache in one
// `supervisor:get`. Times are ms since the epoch; "today" is since local midnight in core's time zone.
import type { ChannelKind } from '../domain/channels';
import type { AgentStatus } from '../domain/presence';

/** The figures of one queue (a group, "no group", or a channel). */
export interface QueueFigures {
  /** Unsolved cases (new, open, pending, on hold). */
  open: number;
  /** Unsolved cases with no assignee. */
  unassigned: number;
  /** The earliest `waiting_since` of the unsolved cases (customer waiting for a public reply), or null. */
  oldestWaitingSince: number | null;
  /** Unsolved cases with an SLA target at risk now; null while SLA data is not available. */
  atRisk: number | null;
  /** Unsolved cases with an SLA target breached now; null while SLA data is not available. */
  breached: number | null;
  /** Public agent messages since local midnight on the queue's cases. */
  repliesToday: number;
  /** Median time from creation to the first public agent reply, over cases created today that got one (ms); null when none. */
  medianFirstReplyMs: number | null;
  /** How many cases that median is over. */
  firstRepliesToday: number;
  /** Satisfaction ratings on cases updated today. */
  csatGood: number;
  csatBad: number;
}

export interface GroupFigures extends QueueFigures {
  /** Local group id; null for cases without a group. */
  groupId: number | null;
  /** The group's name (null for "no group": the UI says it). */
  name: string | null;
}

export interface ChannelFigures extends QueueFigures {
  channel: ChannelKind;
}

export interface SupervisorAgent {
  /** Local agent id. */
  id: number;
  name: string;
  email: string | null;
  /** The helpdesk role: 'admin' or 'agent'. */
  role: string;
  /** From presence; 'unknown' when presence has no status for them (or is not set up). */
  status: AgentStatus | 'unknown';
  /** The case they are on (presence), when this profile has it. */
  currentCase: { id: number; remoteId: string; subject: string } | null;
  /** Unsolved cases assigned to them. */
  openAssigned: number;
  /** Their public messages since local midnight. */
  repliesToday: number;
  /** True for the signed-in agent. */
  me: boolean;
}

/** New cases per hour over the last 24 h, per channel: 24 buckets, oldest first. */
export interface VolumeByHour {
  /** Start of each hour bucket (ms), oldest first; the last one is the current hour. */
  hours: number[];
  /** Channel → 24 counts (only channels with at least one case in the window). */
  byChannel: Partial<Record<ChannelKind, number[]>>;
}

/** SLA targets that came due or were met today: met in time vs breached. null counts while SLA data is not available. */
export interface SlaCompliance {
  available: boolean;
  met: number;
  breached: number;
}

export interface SupervisorView {
  /** When these figures were computed (ms). */
  at: number;
  /** Local midnight the "today" figures start from (ms). */
  todayStart: number;
  /** Whether at risk / breached / SLA compliance come from SLA clocks (false until SLA data exists). */
  slaAvailable: boolean;
  /** Every figure over all queues. */
  totals: QueueFigures;
  groups: GroupFigures[];
  channels: ChannelFigures[];
  agents: SupervisorAgent[];
  volume: VolumeByHour;
  sla: SlaCompliance;
  viewer: SupervisorAccess;
}

/** The signed-in agent's helpdesk role (null when unknown), and whether that role is a supervisor's: 'admin'. */
export interface SupervisorAccess {
  role: string | null;
  supervisor: boolean;
}
