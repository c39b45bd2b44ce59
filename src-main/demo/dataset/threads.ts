// Second stage of ticket generation: the conversation of every ticket as compact metadata
// (who wrote when, public or internal), plus one audit per comment and a comment-less audit for
// each automatic close. Comment bodies are not stored; they are rendered on demand from the seed.
// Audits are sorted by (timestamp, ticket, position) and numbered in that order, which is the
// order of the ticket_events export.
import { HOUR, MINUTE, DAY } from '../util/time';
import { Rng } from '../random/prng';
import {
  AUDIT_ASSIGN,
  AUDIT_CLOSE_RULE,
  AUDIT_CREATE,
  AUDIT_STATUS,
  COMMENT_BY_AGENT,
  COMMENT_HAS_ATTACHMENTS,
  COMMENT_HOSTILE,
  COMMENT_INLINE_IMAGE,
  COMMENT_PUBLIC,
  COMMENT_RICH_HTML,
  type CommentKind,
} from './comment-flags';
import { NO_STATUS, statusCode } from './status-codes';
import { REALTIME_CHANNELS } from './ticket-content';
import type { TicketPlan } from './ticket-plan';
import type { AgentInfo, Staff } from './staff';
import type { TicketStatus } from './types';

export interface ThreadTables {
  /** commentStart[t - 1] .. commentStart[t] are the comment positions of ticket t. */
  commentStart: Uint32Array;
  commentTime: Uint32Array;
  commentAuthor: Uint32Array;
  commentFlags: Uint8Array;
  /** Rank of the comment's audit in the sorted audit tables (gives the comment its id). */
  commentAuditRank: Uint32Array;

  /** Audit tables, sorted by (timestamp, then generation order). */
  auditTicket: Uint32Array;
  auditTime: Uint32Array;
  /** Comment position, or -1 for a comment-less audit. */
  auditComment: Int32Array;
  /** 0 means the system (automations). */
  auditUpdater: Uint32Array;
  auditKind: Uint8Array;
  auditStatusFrom: Uint8Array;
  auditStatusTo: Uint8Array;

  /** Final status and last-change time of each ticket (index ticketId - 1). */
  finalStatus: TicketStatus[];
  updatedAt: Uint32Array;
}

const TRANSITIONS: Readonly<Record<CommentKind, Readonly<Record<CommentKind, number>>>> = {
  customer: { agent: 78, note: 10, customer: 12 },
  agent: { customer: 75, agent: 12, note: 13 },
  note: { agent: 75, customer: 25, note: 0 },
};

/** When the nightly close automation runs (seconds after midnight UTC). */
const CLOSE_RUN_OFFSET = 3 * HOUR;

export interface ThreadInput {
  seed: number;
  anchorSec: number;
  plans: readonly TicketPlan[];
  staff: Staff;
}

export function buildThreads({ seed, anchorSec, plans, staff }: ThreadInput): ThreadTables {
  const rng = Rng.derive(seed, 'threads');
  const ticketCount = plans.length;
  const commentStart = new Uint32Array(ticketCount + 1);
  for (let i = 0; i < ticketCount; i++) commentStart[i + 1] = (commentStart[i] as number) + (plans[i] as TicketPlan).commentCount;
  const commentTotal = commentStart[ticketCount] as number;

  const commentTime = new Uint32Array(commentTotal);
  const commentAuthor = new Uint32Array(commentTotal);
  const commentFlags = new Uint8Array(commentTotal);

  // Audits in generation order ("slots"); sorted into rank order at the end.
  const slotCapacity = commentTotal + ticketCount;
  const slotTicket = new Uint32Array(slotCapacity);
  const slotTime = new Uint32Array(slotCapacity);
  const slotComment = new Int32Array(slotCapacity);
  const slotUpdater = new Uint32Array(slotCapacity);
  const slotKind = new Uint8Array(slotCapacity);
  const slotFrom = new Uint8Array(slotCapacity).fill(NO_STATUS);
  const slotTo = new Uint8Array(slotCapacity).fill(NO_STATUS);
  let slots = 0;

  const finalStatus: TicketStatus[] = new Array<TicketStatus>(ticketCount);
  const updatedAt = new Uint32Array(ticketCount);
  const otherAgents = staff.agents;
  // The close automation was paused for 12 days during a migration; its first run afterwards
  // closed the whole backlog in one second, the kind of burst time-based exports must survive.
  const pauseStart = Math.floor((anchorSec - 75 * DAY) / DAY) * DAY;
  const pauseEnd = pauseStart + 12 * DAY;
  const latest = anchorSec - MINUTE;

  const kinds: CommentKind[] = [];
  const times: number[] = [];

  for (let t = 0; t < ticketCount; t++) {
    const plan = plans[t] as TicketPlan;
    const n = plan.commentCount;
    const start = commentStart[t] as number;
    const realtime = REALTIME_CHANNELS.has(plan.meta.channel);

    conversationKinds(rng, plan, kinds);
    conversationTimes(rng, plan.createdAt, kinds, realtime, latest, times);

    let status: TicketStatus = 'new';
    let assigned = false;
    for (let k = 0; k < n; k++) {
      const position = start + k;
      const kind = kinds[k] as CommentKind;
      const author = kind === 'customer' ? plan.requester.user.id : agentFor(rng, plan.assignee, kind, otherAgents).user.id;
      let flags = kind === 'note' ? COMMENT_BY_AGENT : kind === 'agent' ? COMMENT_BY_AGENT | COMMENT_PUBLIC : COMMENT_PUBLIC;
      if (kind === 'customer' && plan.meta.channel === 'email' && rng.chance(0.3)) {
        flags |= COMMENT_RICH_HTML;
        if (rng.chance(0.35)) flags |= COMMENT_INLINE_IMAGE;
      }
      if (rng.chance(kind === 'customer' ? 0.05 : 0.015)) flags |= COMMENT_HAS_ATTACHMENTS;
      if (k === 0 && plan.meta.hostile) flags |= COMMENT_HOSTILE;
      commentTime[position] = times[k] as number;
      commentAuthor[position] = author;
      commentFlags[position] = flags;

      const slot = slots++;
      slotTicket[slot] = plan.id;
      slotTime[slot] = times[k] as number;
      slotComment[slot] = position;
      slotUpdater[slot] = author;
      const before: TicketStatus = status;
      let auditKind = 0;
      if (kind !== 'customer' && !assigned && plan.assignee !== null) {
        // The first agent touch assigns the ticket and opens it.
        assigned = true;
        auditKind |= AUDIT_ASSIGN;
        status = 'open';
      }
      // The last message leaves the ticket in its current status.
      if (k === n - 1) status = plan.status;
      if (k === 0) {
        auditKind |= AUDIT_CREATE;
        slotTo[slot] = statusCode(status);
      } else if (status !== before) {
        auditKind |= AUDIT_STATUS;
        slotFrom[slot] = statusCode(before);
        slotTo[slot] = statusCode(status);
      }
      slotKind[slot] = auditKind;
    }

    let lastChange = times[n - 1] as number;
    if (plan.status === 'solved') {
      let closeAt = nextRun(lastChange + 4 * DAY);
      if (closeAt >= pauseStart && closeAt < pauseEnd) closeAt = nextRun(pauseEnd);
      if (closeAt < latest) {
        const slot = slots++;
        slotTicket[slot] = plan.id;
        slotTime[slot] = closeAt;
        slotComment[slot] = -1;
        slotUpdater[slot] = 0;
        slotKind[slot] = AUDIT_CLOSE_RULE | AUDIT_STATUS;
        slotFrom[slot] = statusCode('solved');
        slotTo[slot] = statusCode('closed');
        status = 'closed';
        lastChange = closeAt;
      }
    }
    finalStatus[t] = status;
    updatedAt[t] = lastChange;
  }

  // Sort audits by (time, slot) through one numeric key per audit.
  let minTime = Infinity;
  let maxTime = 0;
  for (let s = 0; s < slots; s++) {
    const time = slotTime[s] as number;
    if (time < minTime) minTime = time;
    if (time > maxTime) maxTime = time;
  }
  const multiplier = Math.pow(2, Math.ceil(Math.log2(slots + 1)));
  if ((maxTime - minTime + 1) * multiplier >= Number.MAX_SAFE_INTEGER) throw new Error('dataset too large to sort audits');
  const keys = new Float64Array(slots);
  for (let s = 0; s < slots; s++) keys[s] = ((slotTime[s] as number) - minTime) * multiplier + s;
  keys.sort();

  const auditTicket = new Uint32Array(slots);
  const auditTime = new Uint32Array(slots);
  const auditComment = new Int32Array(slots);
  const auditUpdater = new Uint32Array(slots);
  const auditKind = new Uint8Array(slots);
  const auditStatusFrom = new Uint8Array(slots);
  const auditStatusTo = new Uint8Array(slots);
  const commentAuditRank = new Uint32Array(commentTotal);
  for (let rank = 0; rank < slots; rank++) {
    const key = keys[rank] as number;
    const slot = key - Math.floor(key / multiplier) * multiplier;
    auditTicket[rank] = slotTicket[slot] as number;
    auditTime[rank] = slotTime[slot] as number;
    const comment = slotComment[slot] as number;
    auditComment[rank] = comment;
    auditUpdater[rank] = slotUpdater[slot] as number;
    auditKind[rank] = slotKind[slot] as number;
    auditStatusFrom[rank] = slotFrom[slot] as number;
    auditStatusTo[rank] = slotTo[slot] as number;
    if (comment >= 0) commentAuditRank[comment] = rank;
  }

  return {
    commentStart,
    commentTime,
    commentAuthor,
    commentFlags,
    commentAuditRank,
    auditTicket,
    auditTime,
    auditComment,
    auditUpdater,
    auditKind,
    auditStatusFrom,
    auditStatusTo,
    finalStatus,
    updatedAt,
  };
}

/** The next run of the nightly automation at or after `time`. */
function nextRun(time: number): number {
  const dayStart = Math.floor(time / DAY) * DAY;
  const run = dayStart + CLOSE_RUN_OFFSET;
  return run >= time ? run : run + DAY;
}

/** Who wrote each message, shaped so the ticket ends in a state matching its status. */
function conversationKinds(rng: Rng, plan: TicketPlan, out: CommentKind[]): void {
  const n = plan.commentCount;
  out.length = n;
  out[0] = 'customer';
  if (plan.assignee === null) {
    for (let k = 1; k < n; k++) out[k] = 'customer';
    return;
  }
  for (let k = 1; k < n; k++) {
    const previous = out[k - 1] as CommentKind;
    out[k] = rng.weighted(TRANSITIONS[previous]);
  }
  // The last message explains the status: open waits on us, pending on the customer, hold on
  // a colleague, solved ends with our answer.
  const last: CommentKind = plan.status === 'open' ? 'customer' : plan.status === 'hold' ? 'note' : 'agent';
  out[n - 1] = last;
  if (last === 'customer' && n >= 2 && !out.slice(1, n - 1).some((k) => k !== 'customer')) {
    // An assigned open ticket has heard from an agent at least once.
    if (n >= 3) out[1] = 'agent';
    else out[n - 1] = 'agent';
  }
}

function conversationTimes(rng: Rng, createdAt: number, kinds: readonly CommentKind[], realtime: boolean, latest: number, out: number[]): void {
  const n = kinds.length;
  out.length = n;
  let t = createdAt;
  out[0] = t;
  for (let k = 1; k < n; k++) {
    const kind = kinds[k] as CommentKind;
    let gap: number;
    if (realtime) gap = rng.logNormal(70, 0.9);
    else if (kind === 'note') gap = rng.logNormal(25 * MINUTE, 1);
    else if (kind === 'agent') gap = rng.logNormal(3 * HOUR, 1.1);
    else gap = rng.logNormal(7 * HOUR, 1.2);
    t += Math.max(5, Math.round(gap));
    out[k] = t;
  }
  // Squeeze the conversation into the time before the anchor if it runs past it.
  const end = out[n - 1] as number;
  const limit = Math.max(createdAt, latest);
  if (end > limit) {
    const scale = (limit - createdAt) / (end - createdAt);
    for (let k = 1; k < n; k++) out[k] = createdAt + Math.floor(((out[k] as number) - createdAt) * scale);
  }
}

function agentFor(rng: Rng, assignee: AgentInfo | null, kind: CommentKind, agents: readonly AgentInfo[]): AgentInfo {
  if (assignee !== null && rng.chance(kind === 'note' ? 0.6 : 0.95)) return assignee;
  return rng.pick(agents);
}
