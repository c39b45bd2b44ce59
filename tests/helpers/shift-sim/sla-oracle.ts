// The SLA oracle: a case's clocks as the helpdesk's own record says they should be, to compare
// with what the cache shows. Facts come only from the helpdesk (the ticket, its audits: comments
// and status events, its SLA policies and business hours); the clock arithmetic is the shared one
// (src-shared/domain/sla-clock.ts), whose own tests check it against hand-computed cases.
import { caseClocks, type ComputedClock, type SlaCaseFacts, type SlaTargetRule } from '../../../src-shared/domain/sla-clock';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import { VIA_IDS } from '../../../src-main/demo/index';
import { viaTypeName, type RecordedAudit, type RecordedPolicy } from './helpdesk-record';


function matches(condition: { field: string; operator: string; value: unknown }, ticket: { priority: string | null; viaType: string | null }): boolean {
  let actual: unknown;
  switch (condition.field) {
    case 'priority':
      actual = ticket.priority;
      break;
    case 'via':
      actual = ticket.viaType;
      break;
    case 'via_id':
      actual = ticket.viaType === null ? null : (VIA_IDS as Record<string, number>)[ticket.viaType];
      break;
    default:
      return false;
  }
  if (condition.operator === 'is') return actual === condition.value;
  if (condition.operator === 'is_not') return actual !== condition.value;
  return false;
}

/** The policy the helpdesk applies (first in position order whose filter matches), as target rules. */
export function policyOf(policies: readonly RecordedPolicy[], ticket: { priority: string | null; viaType: string | null }): { rules: SlaTargetRule[]; resolutionPauses: CaseStatus[] } | null {
  for (const policy of policies) {
    if (!policy.all.every((c) => matches(c, ticket))) continue;
    if (policy.any.length > 0 && !policy.any.some((c) => matches(c, ticket))) continue;
    const rules: SlaTargetRule[] = [];
    const work = policy.metrics.filter((m) => m.metric === 'agent_work_time');
    for (const m of policy.metrics) {
      const target = m.metric === 'first_reply_time' ? 'first_reply' : m.metric === 'next_reply_time' ? 'next_reply' : m.metric === 'agent_work_time' ? 'resolution' : m.metric === 'requester_wait_time' && !work.some((w) => w.priority === m.priority) ? 'resolution' : null;
      if (target) rules.push({ target, priority: m.priority as CasePriority, minutes: m.target, businessHours: m.business_hours });
    }
    const waitOnly = policy.metrics.some((m) => m.metric === 'requester_wait_time') && work.length === 0;
    return { rules, resolutionPauses: waitOnly ? ['pending'] : ['pending', 'hold'] };
  }
  return null;
}

export interface OracleTicket {
  created_at: string;
  status: string;
  priority: string | null;
  via: { channel: unknown };
}

/** The facts of a ticket from its audits: public agent replies, customer messages, status history. */
export function factsOf(ticket: OracleTicket, audits: readonly RecordedAudit[], isAgent: (userId: number) => boolean): SlaCaseFacts {
  const publicAgent = audits.filter((a) => a.comment && a.comment.public && isAgent(a.comment.authorId)).map((a) => a.at);
  const firstAgentReplyAt = publicAgent.length > 0 ? Math.min(...publicAgent) : null;
  const lastAgentReplyAt = publicAgent.length > 0 ? Math.max(...publicAgent) : null;
  const customer = audits.filter((a) => a.comment && !isAgent(a.comment.authorId) && a.at > (lastAgentReplyAt ?? 0)).map((a) => a.at);
  const statusHistory = audits
    .filter((a) => a.changes.has('status'))
    .map((a) => ({ at: a.at, status: a.changes.get('status')!.value as CaseStatus }))
    .sort((a, b) => a.at - b.at);
  return {
    createdAt: Date.parse(ticket.created_at),
    firstAgentReplyAt,
    lastAgentReplyAt,
    waitingSince: customer.length > 0 ? Math.min(...customer) : null,
    status: ticket.status as CaseStatus,
    statusHistory,
  };
}

/** The clocks the helpdesk's record gives a ticket; null when no policy applies. */
export function oracleClocks(
  ticket: OracleTicket,
  audits: readonly RecordedAudit[],
  isAgent: (userId: number) => boolean,
  policies: readonly RecordedPolicy[],
  schedule: { timeZone: string; intervals: { startMinute: number; endMinute: number }[] },
  channel: ChannelKind,
): ComputedClock[] | null {
  const viaType = viaTypeName(ticket.via.channel);
  const policy = policyOf(policies, { priority: ticket.priority, viaType });
  if (!policy) return null;
  const clocks = caseClocks(factsOf(ticket, audits, isAgent), {
    priority: ticket.priority as CasePriority | null,
    channel,
    rules: policy.rules,
    schedule,
    pauses: { nextReply: ['pending', 'hold'], resolution: policy.resolutionPauses },
  });
  return clocks.length === 0 ? null : clocks;
}
