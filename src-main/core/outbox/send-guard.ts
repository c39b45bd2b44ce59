import type { CaseEventView, CaseNewsItem, ThreadMessage } from '../../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { EditableFields } from '../../../src-shared/domain/case-intent';
import type { Db } from '../db/connection';
import type { RecentCaseEvents } from '../presence/recent-case-events';
import type { CaseService } from '../services/case-service';

/** A case event the agent has been shown (so its effect, arriving later through sync, is not news again). */
export interface AcknowledgedEvent {
  agentId: string;
  kind: CaseEventView['kind'];
  actionId: string;
  status?: CaseEventView['status'];
}

/**
 * What a case was when the agent began a draft (docs/send-guard.md): the thread up to a local
 * message id, the helpdesk's fields, the time (for case events) and the events already shown.
 */
export interface DraftBase {
  messageId: number;
  fields: EditableFields | null;
  version: string | null;
  at: number;
  acknowledged: AcknowledgedEvent[];
}

type FieldChange = Extract<CaseNewsItem, { kind: 'field' }>;

interface DraftBaseRow {
  messageId: number;
  fieldsJson: string | null;
  version: string | null;
  at: number;
  acknowledgedJson: string | null;
}

interface RemoteFieldsRow {
  status: string | null;
  priority: string | null;
  assigneeId: number | null;
  groupId: number | null;
  tags: string | null;
  version: string | null;
}

/**
 * The send-time guard's reading of the cache: has anything arrived on a case since a draft began
 * — a message from someone else, a field changed on the helpdesk, a teammate's announced action
 * that sync has not brought yet? Pure reads; OutboxService decides what to do with the answer.
 */
export class SendGuard {
  constructor(
    private readonly db: Db,
    private readonly cases: Pick<CaseService, 'thread'>,
    private readonly events: Pick<RecentCaseEvents, 'since'>,
  ) {}

  /** The base of the case's draft, or null without a draft. */
  baseOf(caseId: number): DraftBase | null {
    const row = this.db
      .prepare(
        `SELECT base_message_id AS messageId, base_fields_json AS fieldsJson, base_version AS version, base_at AS at, acknowledged_json AS acknowledgedJson
         FROM drafts WHERE case_id = ?`,
      )
      .get(caseId) as DraftBaseRow | undefined;
    if (!row) return null;
    return {
      messageId: row.messageId,
      fields: row.fieldsJson ? (JSON.parse(row.fieldsJson) as EditableFields) : null,
      version: row.version,
      at: row.at,
      acknowledged: row.acknowledgedJson ? (JSON.parse(row.acknowledgedJson) as AcknowledgedEvent[]) : [],
    };
  }

  /** The case as it is now, as a base (nothing acknowledged). */
  baseNow(caseId: number, now: number): DraftBase {
    const remote = this.remoteFields(caseId);
    const messageId = (this.db.prepare('SELECT max(id) FROM messages WHERE case_id = ?').pluck().get(caseId) as number | null) ?? 0;
    return { messageId, fields: remote ? toFields(remote) : null, version: remote?.version ?? null, at: now, acknowledged: [] };
  }

  /**
   * What arrived since `base`, oldest first: messages, then field changes, then teammates' events
   * that nothing else in the list stands for yet. An event shown before (acknowledged) hides the
   * message or field it announced when that arrives; `matched` are such events, used up.
   */
  news(caseId: number, base: DraftBase): { items: CaseNewsItem[]; unseenEvents: CaseEventView[]; matched: AcknowledgedEvent[] } {
    const mine = new Set(this.db.prepare('SELECT ag.id FROM agents ag JOIN accounts ac ON ac.id = ag.account_id AND ag.remote_id = ac.me_remote_id').pluck().all() as number[]);
    const messages = this.cases
      .thread(caseId, base.messageId)
      .filter((m) => m.pendingActionId === null && !(m.authorKind === 'agent' && m.author !== null && mine.has(m.author.id)));
    const remote = this.remoteFields(caseId);
    const fieldsNow = remote ? toFields(remote) : null;
    const changes = fieldsNow && base.fields ? this.fieldChanges(base.fields, fieldsNow) : [];

    const emails = this.authorEmails(messages);
    /** Removes the first message or field change `event` announced from `pool`; false if none is there. */
    const takeFrom = (pool: { messages: ThreadMessage[]; changes: FieldChange[] }, event: Pick<CaseEventView, 'agentId' | 'kind' | 'status'>): boolean => {
      if (event.kind === 'replied') {
        const agent = event.agentId.toLowerCase();
        const index = pool.messages.findIndex((m) => emails.get(m.id) === agent);
        if (index >= 0) pool.messages.splice(index, 1);
        return index >= 0;
      }
      const index = pool.changes.findIndex((c) => (event.kind === 'status_changed' ? c.field === 'status' && c.to === event.status : c.field === 'assignee'));
      if (index >= 0) pool.changes.splice(index, 1);
      return index >= 0;
    };
    // Events shown before hide what they announced: it is not news any more.
    const shown = { messages, changes };
    const matched = base.acknowledged.filter((ack) => takeFrom(shown, ack));
    // A new event is news unless a message or field in the list stands for it (each stands for one).
    const standIns = { messages: [...shown.messages], changes: [...shown.changes] };
    const acknowledged = new Set(base.acknowledged.map(eventKey));
    const unseenEvents = this.events
      .since(caseId, base.at)
      .map(({ event }) => event)
      .filter((event) => !acknowledged.has(eventKey(event)) && !takeFrom(standIns, event));
    const items: CaseNewsItem[] = [
      ...shown.messages.map((message): CaseNewsItem => ({ kind: 'message', message })),
      ...shown.changes,
      ...unseenEvents.map((event): CaseNewsItem => ({ kind: 'event', event })),
    ];
    return { items, unseenEvents, matched };
  }

  private remoteFields(caseId: number): RemoteFieldsRow | undefined {
    return this.db
      .prepare(
        `SELECT remote_status AS status, remote_priority AS priority, remote_assignee_id AS assigneeId, remote_group_id AS groupId, remote_tags AS tags,
           remote_version AS version FROM cases WHERE id = ? AND synced = 1`,
      )
      .get(caseId) as RemoteFieldsRow | undefined;
  }

  private fieldChanges(before: EditableFields, now: EditableFields): FieldChange[] {
    const changes: FieldChange[] = [];
    if (before.status !== now.status) changes.push({ kind: 'field', field: 'status', from: before.status, to: now.status });
    if (before.priority !== now.priority) changes.push({ kind: 'field', field: 'priority', from: before.priority, to: now.priority });
    if (before.assigneeId !== now.assigneeId) changes.push({ kind: 'field', field: 'assignee', from: this.nameOf('agents', before.assigneeId), to: this.nameOf('agents', now.assigneeId) });
    if (before.groupId !== now.groupId) changes.push({ kind: 'field', field: 'group', from: this.nameOf('groups', before.groupId), to: this.nameOf('groups', now.groupId) });
    const tagsBefore = [...before.tags].sort().join(' ');
    const tagsNow = [...now.tags].sort().join(' ');
    if (tagsBefore !== tagsNow) changes.push({ kind: 'field', field: 'tags', from: tagsBefore, to: tagsNow });
    return changes;
  }

  private nameOf(table: 'agents' | 'groups', id: number | null): string | null {
    if (id === null) return null;
    return (this.db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? `#${id}`;
  }

  /** The e-mail (lower case) of each message's agent author, by message id. */
  private authorEmails(messages: readonly ThreadMessage[]): Map<number, string> {
    const agentIds = [...new Set(messages.flatMap((m) => (m.authorKind === 'agent' && m.author ? [m.author.id] : [])))];
    if (agentIds.length === 0) return new Map();
    const byAgent = new Map(
      (this.db.prepare(`SELECT id, lower(email) AS email FROM agents WHERE id IN (${agentIds.map(() => '?').join(',')})`).all(...agentIds) as { id: number; email: string | null }[]).map((a) => [a.id, a.email]),
    );
    const result = new Map<number, string>();
    for (const m of messages) {
      const email = m.authorKind === 'agent' && m.author ? byAgent.get(m.author.id) : null;
      if (email) result.set(m.id, email);
    }
    return result;
  }
}

function eventKey(event: { agentId: string; kind: string; actionId: string }): string {
  return `${event.agentId.toLowerCase()}\u0000${event.kind}\u0000${event.actionId}`;
}

function toFields(row: RemoteFieldsRow): EditableFields | null {
  if (row.status === null) return null;
  return { status: row.status as CaseStatus, priority: row.priority as CasePriority | null, assigneeId: row.assigneeId, groupId: row.groupId, tags: row.tags ? row.tags.split(' ') : [] };
}
