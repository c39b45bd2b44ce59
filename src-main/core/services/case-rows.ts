import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import type { InboxRow } from '../../../src-shared/contract/models';
import { customerDisplayName } from '../../../src-shared/domain/customer-value';
import { slaViewOf } from './sla-service';

/** The SELECT list of an inbox row; every reader of case rows uses it so rows look the same everywhere. */
export const CASE_ROW_COLUMNS = `
  c.id, c.account_id AS accountId, c.remote_id AS remoteId, c.channel, c.subject, c.status, c.priority,
  c.assignee_id AS assigneeId, a.name AS assigneeName, c.group_id AS groupId, g.name AS groupName,
  c.customer_id AS customerId, cu.name AS customerName, c.tags, c.created_at AS createdAt, c.updated_at AS updatedAt,
  c.waiting_since AS waitingSince, (SELECT count(*) FROM messages mc WHERE mc.case_id = c.id) AS messageCount, c.csat,
  (SELECT substr(m.body_text, 1, 200) FROM messages m WHERE m.case_id = c.id AND m.public = 1 ORDER BY m.created_at DESC LIMIT 1) AS snippet,
  EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.state != 'sent') AS pending, c.sla_json AS slaJson`;

export const CASE_ROW_JOINS = `
  LEFT JOIN agents a ON a.id = c.assignee_id
  LEFT JOIN groups g ON g.id = c.group_id
  LEFT JOIN customers cu ON cu.id = c.customer_id`;

export interface CaseRowRecord {
  id: number;
  accountId: number;
  remoteId: string;
  channel: string;
  subject: string;
  status: string;
  priority: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  groupId: number | null;
  groupName: string | null;
  customerId: number | null;
  customerName: string | null;
  tags: string;
  createdAt: number;
  updatedAt: number;
  waitingSince: number | null;
  messageCount: number;
  csat: string | null;
  snippet: string | null;
  pending: number;
  /** The stored SLA clocks (docs/sla.md); absent when a reader did not select it. */
  slaJson?: string | null;
}

/** `now`: the time the SLA states are for (the clocks count on the clock, not the network). */
export function toInboxRow(r: CaseRowRecord, now: number = Date.now()): InboxRow {
  return {
    id: r.id,
    accountId: r.accountId,
    remoteId: r.remoteId,
    channel: r.channel as ChannelKind,
    subject: r.subject,
    snippet: (r.snippet ?? '').replace(/\s+/g, ' ').trim(),
    status: r.status as CaseStatus,
    priority: r.priority as CasePriority | null,
    assignee: r.assigneeId === null ? null : { id: r.assigneeId, name: r.assigneeName ?? '' },
    group: r.groupId === null ? null : { id: r.groupId, name: r.groupName ?? '' },
    // '' while nothing names the customer yet: the renderer says "Unknown customer" in the agent's language.
    customer: r.customerId === null ? null : { id: r.customerId, name: customerDisplayName(r.customerName) ?? '' },
    tags: r.tags === '' ? [] : r.tags.split(' '),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    waitingSince: r.waitingSince,
    messageCount: r.messageCount,
    csat: r.csat,
    pending: r.pending === 1,
    sla: slaViewOf(r.slaJson, now),
  };
}
