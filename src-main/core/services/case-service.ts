import type { AuthorKind } from '../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import type { Attachment, CaseDetail, OutboxItemView, ThreadMessage } from '../../../src-shared/contract/models';
import { customerDisplayName } from '../../../src-shared/domain/customer-value';
import type { Db } from '../db/connection';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toInboxRow, type CaseRowRecord } from './case-rows';

interface MessageRecord {
  id: number;
  remoteId: string;
  authorKind: string;
  authorRemoteId: string | null;
  agentId: number | null;
  agentName: string | null;
  customerId: number | null;
  customerName: string | null;
  remoteName: string | null;
  channel: string;
  channelRaw: string | null;
  public: number;
  bodyText: string;
  bodyHtml: string | null;
  attachmentsJson: string | null;
  createdAt: number;
  senderDate: number | null;
  localActionId: string | null;
}

/** One case with its whole thread, read from the cache. */
export class CaseService {
  constructor(
    private readonly db: Db,
    /** Asks sync to fetch a thread the cache does not hold completely yet. */
    private readonly ensureThread: (caseId: number) => void,
    private readonly pendingActions: (caseId: number) => OutboxItemView[],
  ) {}

  get(caseId: number): CaseDetail | null {
    const row = this.db
      .prepare(
        `SELECT ${CASE_ROW_COLUMNS}, c.type, c.remote_unmapped AS unmappedJson, c.organization_id AS organizationId, o.name AS organizationName, c.remote_version AS remoteVersion,
           c.last_customer_message_at AS lastCustomerMessageAt, c.last_agent_reply_at AS lastAgentReplyAt, c.thread_complete AS threadComplete
         FROM cases c ${CASE_ROW_JOINS} LEFT JOIN organizations o ON o.id = c.organization_id
         WHERE c.id = ? AND c.synced = 1`,
      )
      .get(caseId) as
      | (CaseRowRecord & {
          type: string | null;
          unmappedJson: string | null;
          organizationId: number | null;
          organizationName: string | null;
          remoteVersion: string | null;
          lastCustomerMessageAt: number | null;
          lastAgentReplyAt: number | null;
          threadComplete: number;
        })
      | undefined;
    if (!row) return null;
    const historyComplete =
      (this.db.prepare(`SELECT complete FROM sync_cursors WHERE account_id = ? AND stream = 'messages'`).pluck().get(row.accountId) as number | undefined) === 1;
    const threadComplete = row.threadComplete === 1 || historyComplete;
    if (!threadComplete) this.ensureThread(caseId);
    return {
      ...toInboxRow(row),
      type: row.type,
      unmapped: parseUnmapped(row.unmappedJson),
      organization: row.organizationId === null ? null : { id: row.organizationId, name: row.organizationName ?? '' },
      remoteVersion: row.remoteVersion,
      lastCustomerMessageAt: row.lastCustomerMessageAt,
      lastAgentReplyAt: row.lastAgentReplyAt,
      thread: this.thread(caseId),
      threadComplete,
      pendingActions: this.pendingActions(caseId),
    };
  }

  /** The thread, oldest first; `afterMessageId`: only messages stored after that one (local ids grow). */
  thread(caseId: number, afterMessageId = 0): ThreadMessage[] {
    const records = this.db
      .prepare(
        `SELECT m.id, m.remote_id AS remoteId, m.author_kind AS authorKind, m.author_remote_id AS authorRemoteId,
           ag.id AS agentId, ag.name AS agentName, cu.id AS customerId, cu.name AS customerName, ru.name AS remoteName,
           m.channel, m.channel_raw AS channelRaw, m.public, m.body_text AS bodyText, m.body_html AS bodyHtml, m.attachments_json AS attachmentsJson, m.created_at AS createdAt,
           m.sender_date AS senderDate, CASE WHEN m.remote_id LIKE 'local:%' THEN m.local_action_id END AS localActionId
         FROM messages m
         LEFT JOIN agents ag ON ag.account_id = m.account_id AND ag.remote_id = m.author_remote_id
         LEFT JOIN remote_users ru ON ru.account_id = m.account_id AND ru.remote_id = m.author_remote_id
         LEFT JOIN customers cu ON cu.id = ru.customer_id
         WHERE m.case_id = ? AND m.id > ? ORDER BY m.created_at, m.id`,
      )
      .all(caseId, afterMessageId) as MessageRecord[];
    return records.map((m) => ({
      id: m.id,
      remoteId: m.remoteId,
      authorKind: m.authorKind as AuthorKind,
      author:
        m.agentId !== null
          ? { id: m.agentId, name: m.agentName ?? '' }
          : m.customerId !== null
            ? { id: m.customerId, name: customerDisplayName(m.customerName) ?? customerDisplayName(m.remoteName) ?? '' }
            : null,
      channel: m.channel as ChannelKind,
      channelRaw: m.channelRaw,
      public: m.public === 1,
      bodyText: m.bodyText,
      bodyHtml: m.bodyHtml,
      attachments: m.attachmentsJson ? (JSON.parse(m.attachmentsJson) as Attachment[]) : [],
      createdAt: m.createdAt,
      senderDate: m.senderDate,
      pendingActionId: m.localActionId,
    }));
  }
}

function parseUnmapped(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  } catch {
    return {};
  }
}
