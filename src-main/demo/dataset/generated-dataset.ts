// The generated helpdesk: tickets and users as objects, conversations as compact tables whose
// comments and audits are rendered on demand. Immutable once built; live changes go to the
// store's overlay (../store/helpdesk-store.ts).
import { AUDIT_ID_BASE, AUDIT_ID_STRIDE, SYSTEM_USER_ID } from '../constants';
import { dateFromUnix, isoFromUnix } from '../util/time';
import { attachmentsFor, inlineImageToken } from './attachments';
import {
  AUDIT_ASSIGN,
  AUDIT_CREATE,
  AUDIT_STATUS,
  COMMENT_BY_AGENT,
  COMMENT_HAS_ATTACHMENTS,
  COMMENT_EMPTY_HTML,
  COMMENT_HOSTILE,
  COMMENT_INLINE_IMAGE,
  COMMENT_PUBLIC,
  COMMENT_RICH_HTML,
  commentKind,
} from './comment-flags';
import { plainToHtml, richEmailHtml } from './comment-html';
import { renderCommentText } from './comment-text';
import { emptyHtmlBody } from './empty-html';
import { hostileEmailHtml, hostileEmailText } from './hostile-html';
import { buildMacros } from './macros';
import { ordersForPerson, publicOrder } from './orders';
import type { Person } from './people';
import type { AgentInfo, Staff } from './staff';
import { statusFromCode } from './status-codes';
import type { ThreadTables } from './threads';
import type { TicketMeta } from './ticket-meta';
import type {
  AuditRecord,
  DemoComment,
  DemoDataset,
  DemoGroup,
  DemoMacro,
  DemoOrder,
  DemoOrganization,
  DemoTicket,
  DemoTicketEvent,
  DemoUser,
  FieldEvent,
  SyncGroundTruth,
  TicketChildEvent,
  Via,
} from './types';
import type { EdgeCases, UnreadableRecord, ValueToMap } from './edge-cases';
import { groundTruth } from './ground-truth';
import { toTicketEvent } from './ticket-events';
import { wireVia, type ViaRecordKind } from './via-ids';
import { attachmentUrl } from './urls';
import { agentVia, automationVia, customerVia } from './via';

/** Records sorted for an incremental export: ids ordered by (timestamp, id). */
export interface ExportOrder {
  ids: Uint32Array;
  times: Uint32Array;
}

export interface GeneratedParts {
  seed: number;
  anchorTime: number;
  baseUrl: string;
  staff: Staff;
  organizations: DemoOrganization[];
  persons: Person[];
  endUsers: DemoUser[];
  /** Deleted or suspended agents; their ids follow the last end user's. */
  formerAgents: DemoUser[];
  /** The agent with a restricted custom role; its id follows the former agents'. */
  restrictedAgent: DemoUser;
  personOfEndUser: Int32Array;
  tickets: DemoTicket[];
  metas: TicketMeta[];
  tables: ThreadTables;
  hostileTicketId: number;
  sampleKoreanTicketId: number;
  emptyHtmlTicketId: number | null;
  /** Whether some tickets and comments send via ids (dataset/via-ids.ts). */
  viaIds: boolean;
  /** Deleted tickets: id → deletion time (unix seconds). */
  deletedAt: ReadonlyMap<number, number>;
  /** Unreadable records and values to map (dataset/edge-cases.ts). */
  edgeCases: EdgeCases;
}

export function auditIdOfRank(rank: number): number {
  return AUDIT_ID_BASE + rank * AUDIT_ID_STRIDE;
}

export class GeneratedDataset implements DemoDataset {
  readonly seed: number;
  readonly anchorTime: number;
  readonly anchorSec: number;
  readonly baseUrl: string;
  readonly staff: Staff;
  readonly meAgent: DemoUser;
  readonly restrictedAgent: DemoUser;
  readonly hostileTicketId: number;
  readonly sampleKoreanTicketId: number;
  readonly emptyHtmlTicketId: number | null;
  readonly tables: ThreadTables;
  readonly metas: readonly TicketMeta[];
  readonly persons: readonly Person[];
  readonly largestEventBurst: { timestamp: number; count: number };
  /** Whether some tickets and comments send `via.channel` as a via id. */
  readonly viaIds: boolean;
  /** Unreadable records and values to map; see unreadableRecords and valuesToMap. */
  readonly edgeCases: EdgeCases;

  private readonly ticketList: DemoTicket[];
  private readonly deletedAt: ReadonlyMap<number, number>;
  private readonly userList: DemoUser[];
  private readonly organizationList: DemoOrganization[];
  private readonly macroList: DemoMacro[];
  private readonly firstUserId: number;
  private readonly firstEndUserId: number;
  private readonly endUserTotal: number;
  private readonly formerAgentList: DemoUser[];
  private readonly personOfEndUser: Int32Array;
  private readonly usersByEmail = new Map<string, DemoUser>();
  private readonly agentsById = new Map<number, AgentInfo>();
  private ticketOrder: ExportOrder | null = null;
  private userOrder: ExportOrder | null = null;

  constructor(parts: GeneratedParts) {
    this.seed = parts.seed;
    this.anchorTime = parts.anchorTime;
    this.anchorSec = Math.floor(parts.anchorTime / 1000);
    this.baseUrl = parts.baseUrl;
    this.staff = parts.staff;
    this.meAgent = parts.staff.me.user;
    this.hostileTicketId = parts.hostileTicketId;
    this.viaIds = parts.viaIds;
    this.deletedAt = parts.deletedAt;
    this.edgeCases = parts.edgeCases;
    this.sampleKoreanTicketId = parts.sampleKoreanTicketId;
    this.emptyHtmlTicketId = parts.emptyHtmlTicketId;
    this.tables = parts.tables;
    this.metas = parts.metas;
    this.persons = parts.persons;
    this.ticketList = parts.tickets;
    this.organizationList = parts.organizations;
    this.macroList = buildMacros(parts.staff, this.anchorSec, parts.baseUrl);
    // Ordered by id: the team, end users, then former agents.
    this.userList = [...parts.staff.agents.map((a) => a.user), ...parts.endUsers, ...parts.formerAgents, parts.restrictedAgent];
    this.restrictedAgent = parts.restrictedAgent;
    this.endUserTotal = parts.endUsers.length;
    this.formerAgentList = parts.formerAgents;
    this.firstUserId = this.userList[0]?.id ?? 0;
    this.firstEndUserId = parts.endUsers[0]?.id ?? 0;
    this.personOfEndUser = parts.personOfEndUser;
    for (const user of this.userList) if (user.email) this.usersByEmail.set(user.email.toLowerCase(), user);
    for (const agent of parts.staff.agents) this.agentsById.set(agent.user.id, agent);
    this.largestEventBurst = findLargestBurst(parts.tables.auditTime);
  }

  // --- DemoDataset: tickets -------------------------------------------------

  get ticketCount(): number {
    return this.ticketList.length;
  }

  /** Tickets ordered by id, deleted ones left out. */
  tickets(): DemoTicket[] {
    return this.deletedAt.size === 0 ? this.ticketList.slice() : this.ticketList.filter((t) => !this.deletedAt.has(t.id));
  }

  /** undefined for unknown and deleted tickets (as the API answers 404 for both). */
  ticket(id: number): DemoTicket | undefined {
    return this.deletedAt.has(id) ? undefined : this.ticketList[id - 1];
  }

  /** A generated ticket's last record, deleted or not. */
  rawTicket(id: number): DemoTicket | undefined {
    return this.ticketList[id - 1];
  }

  /** When a generated ticket was deleted (unix seconds), or undefined. */
  deletionTime(id: number): number | undefined {
    return this.deletedAt.get(id);
  }

  deletedTicketIds(): number[] {
    return [...this.deletedAt.keys()].sort((a, b) => a - b);
  }

  // --- users, groups, organizations ----------------------------------------

  get userCount(): number {
    return this.userList.length;
  }

  users(): DemoUser[] {
    return this.userList.slice();
  }

  user(id: number): DemoUser | undefined {
    const user = this.userList[id - this.firstUserId];
    return user && user.id === id ? user : undefined;
  }

  /** Highest generated user id (live-created users continue after it). */
  get lastUserId(): number {
    return this.firstUserId + this.userList.length - 1;
  }

  userByEmail(email: string): DemoUser | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  /** Every agent and admin: the team, the former (deleted or suspended) agents, the restricted agent. */
  agents(): DemoUser[] {
    return [...this.staff.agents.map((a) => a.user), ...this.formerAgentList, this.restrictedAgent];
  }

  /** Agents deleted (`active: false`) or suspended on the helpdesk. */
  formerAgents(): DemoUser[] {
    return this.formerAgentList.slice();
  }

  endUsers(): DemoUser[] {
    return this.userList.slice(this.staff.agents.length, this.staff.agents.length + this.endUserTotal);
  }

  get endUserCount(): number {
    return this.endUserTotal;
  }

  endUserAt(index: number): DemoUser | undefined {
    return index >= 0 && index < this.endUserTotal ? this.userList[this.staff.agents.length + index] : undefined;
  }

  agentInfo(id: number): AgentInfo | undefined {
    return this.agentsById.get(id);
  }

  groups(): DemoGroup[] {
    return this.staff.groups.slice();
  }

  deletedGroups(): DemoGroup[] {
    return this.staff.deletedGroups.slice();
  }

  organizations(): DemoOrganization[] {
    return this.organizationList.slice();
  }

  macros(): DemoMacro[] {
    return this.macroList.slice();
  }

  // --- people ----------------------------------------------------------------

  get personCount(): number {
    return this.persons.length;
  }

  personOfUser(userId: number): number | undefined {
    const index = userId - this.firstEndUserId;
    if (index < 0 || index >= this.personOfEndUser.length) return undefined;
    return this.personOfEndUser[index];
  }

  usersOfPerson(personId: number): number[] {
    return this.persons[personId]?.userIds.slice() ?? [];
  }

  ordersForEmail(email: string): DemoOrder[] {
    const user = this.userByEmail(email);
    if (!user) return [];
    const personId = this.personOfUser(user.id);
    if (personId === undefined) return [];
    return this.ordersForPerson(personId);
  }

  ordersForPerson(personId: number): DemoOrder[] {
    const person = this.persons[personId];
    if (!person) return [];
    return ordersForPerson(this.seed, person.id, person.language, person.tier, this.anchorSec).slice(0, 5).map(publicOrder);
  }

  // --- comments and audits ------------------------------------------------------

  get commentCount(): number {
    return this.tables.commentTime.length;
  }

  get auditCount(): number {
    return this.tables.auditTime.length;
  }

  commentCountFor(ticketId: number): number {
    if (ticketId < 1 || ticketId > this.ticketList.length) return 0;
    return (this.tables.commentStart[ticketId] as number) - (this.tables.commentStart[ticketId - 1] as number);
  }

  commentsFor(ticketId: number): DemoComment[] {
    const count = this.commentCountFor(ticketId);
    const start = this.tables.commentStart[ticketId - 1] as number;
    const out: DemoComment[] = [];
    let agentReplied = false;
    for (let k = 0; k < count; k++) {
      const flags = this.tables.commentFlags[start + k] as number;
      const isAgentReply = (flags & (COMMENT_BY_AGENT | COMMENT_PUBLIC)) === (COMMENT_BY_AGENT | COMMENT_PUBLIC);
      out.push(this.renderComment(ticketId, k, isAgentReply && !agentReplied));
      if (isAgentReply) agentReplied = true;
    }
    return out;
  }

  /** Renders the comment at `index` of a ticket's conversation. */
  renderComment(ticketId: number, index: number, firstAgentReply: boolean): DemoComment {
    const t = this.tables;
    const start = t.commentStart[ticketId - 1] as number;
    const count = (t.commentStart[ticketId] as number) - start;
    const position = start + index;
    const flags = t.commentFlags[position] as number;
    const kind = commentKind(flags);
    const auditId = auditIdOfRank(t.commentAuditRank[position] as number);
    const id = auditId + 1;
    const meta = this.metas[ticketId - 1] as TicketMeta;
    const authorId = t.commentAuthor[position] as number;
    const agent = kind === 'customer' ? null : (this.agentsById.get(authorId) ?? null);

    let body: string;
    let html: string;
    if ((flags & COMMENT_HOSTILE) !== 0) {
      body = hostileEmailText(meta.customerFullName);
      html = hostileEmailHtml(meta.customerFullName);
    } else {
      const text = renderCommentText({
        seed: this.seed,
        ticketId,
        index,
        count,
        kind,
        firstAgentReply,
        status: t.finalStatus[ticketId - 1] ?? 'open',
        meta,
        agent,
      });
      body = text.paragraphs.join('\n\n');
      if ((flags & COMMENT_EMPTY_HTML) !== 0) html = emptyHtmlBody();
      else if ((flags & COMMENT_RICH_HTML) !== 0)
        html = richEmailHtml({
          paragraphs: text.paragraphs,
          language: meta.language,
          values: meta.values,
          quotedDate: index > 0 ? dateFromUnix(t.commentTime[position - 1] as number) : null,
          inlineImageUrl: (flags & COMMENT_INLINE_IMAGE) !== 0 ? attachmentUrl(this.baseUrl, inlineImageToken(this.seed, id), 'photo.jpg') : null,
        });
      else html = plainToHtml(text.paragraphs);
    }
    const comment: DemoComment = {
      id,
      type: 'Comment',
      author_id: authorId,
      body,
      html_body: html,
      plain_body: body,
      public: (flags & COMMENT_PUBLIC) !== 0,
      audit_id: auditId,
      via: this.wireVia(kind === 'customer' ? customerVia(meta) : agentVia(), 'comment', id),
      created_at: isoFromUnix(t.commentTime[position] as number),
      attachments: (flags & COMMENT_HAS_ATTACHMENTS) !== 0 ? attachmentsFor(this.seed, id, this.baseUrl) : [],
      metadata: { system: {}, custom: {} },
    };
    // Edge case: one comment comes without `public` (a value to map).
    if (id === this.edgeCases.publicMissingCommentId) delete comment.public;
    return comment;
  }

  /** A ticket's or comment's via as sent: about 10% carry the via id (dataset/via-ids.ts). */
  wireVia(via: Via, kind: ViaRecordKind, id: number): Via {
    return this.viaIds ? wireVia(via, kind, id, this.seed) : via;
  }

  /** The audit at `rank` of the ticket_events stream, its comment rendered with the body. */
  renderAuditRecord(rank: number): AuditRecord {
    const t = this.tables;
    const ticketId = t.auditTicket[rank] as number;
    const time = t.auditTime[rank] as number;
    const position = t.auditComment[rank] as number;
    const kind = t.auditKind[rank] as number;
    const updater = t.auditUpdater[rank] as number;
    const auditId = auditIdOfRank(rank);
    const ticket = this.ticketList[ticketId - 1] as DemoTicket;
    const fields: FieldEvent[] = [];
    let nextId = auditId + 1;
    let comment: DemoComment | null = null;

    if (position >= 0) {
      const start = t.commentStart[ticketId - 1] as number;
      comment = this.renderComment(ticketId, position - start, this.isFirstAgentReply(start, position));
      nextId = comment.id + 1;
    }
    if ((kind & AUDIT_CREATE) !== 0) {
      const created: [string, unknown][] = [
        ['subject', ticket.subject],
        ['status', statusFromCode(t.auditStatusTo[rank] as number)],
        ['priority', ticket.priority],
        ['type', ticket.type],
        ['requester_id', ticket.requester_id],
        ['group_id', ticket.group_id],
        ['tags', ticket.tags],
      ];
      for (const [field, value] of created) fields.push(createEvent(nextId++, field, value));
    }
    if ((kind & AUDIT_ASSIGN) !== 0) fields.push(changeEvent(nextId++, 'assignee_id', ticket.assignee_id, null));
    if ((kind & AUDIT_STATUS) !== 0) {
      fields.push(changeEvent(nextId++, 'status', statusFromCode(t.auditStatusTo[rank] as number), statusFromCode(t.auditStatusFrom[rank] as number)));
    }
    const meta = this.metas[ticketId - 1] as TicketMeta;
    const customerWrote = comment !== null && comment.author_id === ticket.requester_id;
    return {
      id: auditId,
      ticket_id: ticketId,
      timestamp: time,
      created_at: isoFromUnix(time),
      updater_id: updater === 0 ? SYSTEM_USER_ID : updater,
      via: comment === null ? automationVia() : customerWrote ? customerVia(meta) : agentVia(),
      metadata: { system: {}, custom: {} },
      comment,
      fields,
    };
  }

  /** The audit at `rank` as a ticket_events entry. */
  renderAudit(rank: number, includeComments: boolean): DemoTicketEvent {
    return this.exportEvent(this.renderAuditRecord(rank), includeComments);
  }

  /** An audit as a ticket_events entry, with the edge case of a comment event without id. */
  exportEvent(record: AuditRecord, includeComments: boolean): DemoTicketEvent {
    const event = toTicketEvent(record, includeComments);
    const without = this.edgeCases.eventWithoutIdCommentId;
    if (without !== null && record.comment?.id === without) {
      event.child_events = event.child_events.map((child) => {
        if (child.id !== without) return child;
        const { id: _id, ...rest } = child;
        return rest as TicketChildEvent;
      });
    }
    return event;
  }

  get unreadableRecords(): readonly UnreadableRecord[] {
    return this.edgeCases.unreadable;
  }

  get valuesToMap(): readonly ValueToMap[] {
    return this.edgeCases.valuesToMap;
  }

  /** Comment ids of a generated ticket, from the tables (no rendering). */
  commentIdsFor(ticketId: number): number[] {
    const t = this.tables;
    const out: number[] = [];
    if (ticketId < 1 || ticketId > this.ticketList.length) return out;
    for (let p = t.commentStart[ticketId - 1] as number; p < (t.commentStart[ticketId] as number); p++) out.push(auditIdOfRank(t.commentAuditRank[p] as number) + 1);
    return out;
  }

  syncGroundTruth(): SyncGroundTruth {
    return groundTruth(this, (id) => this.commentIdsFor(id));
  }

  private isFirstAgentReply(start: number, position: number): boolean {
    const both = COMMENT_BY_AGENT | COMMENT_PUBLIC;
    if (((this.tables.commentFlags[position] as number) & both) !== both) return false;
    for (let p = start; p < position; p++) if (((this.tables.commentFlags[p] as number) & both) === both) return false;
    return true;
  }

  // --- export orders ----------------------------------------------------------------

  /** Tickets ordered by (generated_timestamp, id) for the cursor export. */
  ticketExportOrder(): ExportOrder {
    // A deleted ticket's last change is its deletion.
    this.ticketOrder ??= sortByTime(this.ticketList.map((t) => this.deletedAt.get(t.id) ?? t.generated_timestamp), (i) => this.ticketList[i]?.id ?? 0);
    return this.ticketOrder;
  }

  /** Users ordered by (updated_at, id) for the cursor export. */
  userExportOrder(): ExportOrder {
    this.userOrder ??= sortByTime(this.userList.map((u) => Math.floor(Date.parse(u.updated_at) / 1000)), (i) => this.userList[i]?.id ?? 0);
    return this.userOrder;
  }
}

/** A field an audit set on a new ticket. */
export function createEvent(id: number, field: string, value: unknown): FieldEvent {
  return { id, type: 'Create', field, value };
}

/** A field an audit changed. */
export function changeEvent(id: number, field: string, value: unknown, previous: unknown): FieldEvent {
  return { id, type: 'Change', field, value, previous_value: previous };
}

function sortByTime(times: readonly number[], idAt: (index: number) => number): ExportOrder {
  const n = times.length;
  let min = Infinity;
  for (const t of times) if (t < min) min = t;
  const multiplier = Math.pow(2, Math.ceil(Math.log2(n + 1)));
  const keys = new Float64Array(n);
  // Ids follow list order, so (time, index) sorts like (time, id).
  for (let i = 0; i < n; i++) keys[i] = ((times[i] as number) - min) * multiplier + i;
  keys.sort();
  const ids = new Uint32Array(n);
  const sorted = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const key = keys[r] as number;
    const index = key - Math.floor(key / multiplier) * multiplier;
    ids[r] = idAt(index);
    sorted[r] = times[index] as number;
  }
  return { ids, times: sorted };
}

function findLargestBurst(times: Uint32Array): { timestamp: number; count: number } {
  let best = { timestamp: 0, count: 0 };
  let runStart = 0;
  for (let i = 1; i <= times.length; i++) {
    if (i === times.length || times[i] !== times[runStart]) {
      if (i - runStart > best.count) best = { timestamp: times[runStart] as number, count: i - runStart };
      runStart = i;
    }
  }
  return best;
}
