// The helpdesk as the server sees it: the generated dataset plus an overlay of live changes.
// Every change is a ticket update with an audit (its child events, maybe a comment), appended to
// the ticket_events stream and to the ticket change log, so incremental exports pick it up.
// Live traffic, teammate updates and client writes (PUT /api/v2/tickets/{id}) all go through
// updateTicket, so they look the same to a syncing client.
import { AUDIT_ID_STRIDE } from '../constants';
import { auditIdOfRank, type GeneratedDataset } from '../dataset/generated-dataset';
import { ordersForPerson, publicOrder } from '../dataset/orders';
import type { Person } from '../dataset/people';
import type { TicketMeta } from '../dataset/ticket-meta';
import { NOT_A_DATE, type UnreadableRecord, type ValueToMap } from '../dataset/edge-cases';
import { groundTruth } from '../dataset/ground-truth';
import type {
  AuditRecord,
  DemoAttachment,
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
  TicketStatus,
  Via,
} from '../dataset/types';
import { deletedTicketRecord, type ExportedTicket } from '../dataset/deleted-tickets';
import { ticketUrl, userUrl } from '../dataset/urls';
import { IndexedSet } from '../util/indexed-set';
import { isoFromUnix, unixFromIso } from '../util/time';
import { ChangeLog } from './change-log';
import type { LiveClock } from './live-clock';
import { TicketAuditIndex } from './ticket-audit-index';
import { applyTicketChanges, creationEvents, type TicketChanges } from './ticket-changes';

export interface CommentInput {
  body: string;
  htmlBody: string;
  public: boolean;
  authorId: number;
  via: Via;
  attachments?: DemoAttachment[];
}

export interface ChangeOptions {
  updaterId: number;
  via: Via;
  comment?: CommentInput;
  /** Lands in the audit's metadata.custom (clients tag their writes with it). */
  metadataCustom?: Record<string, unknown>;
  /** Lands in the audit's metadata.system (client, ip_address for API writes). */
  metadataSystem?: Record<string, unknown>;
}

export interface ChangeResult {
  ticket: DemoTicket;
  audit: AuditRecord;
  comment: DemoComment | null;
}

export interface NewTicketInput {
  ticket: Omit<DemoTicket, 'id' | 'url' | 'description' | 'created_at' | 'updated_at' | 'generated_timestamp'>;
  meta: TicketMeta;
  comment: CommentInput;
}

export interface NewCustomerInput {
  person: Omit<Person, 'id' | 'userIds'>;
  user: Omit<DemoUser, 'id' | 'url' | 'created_at' | 'updated_at'>;
}

export interface StoreOptions {
  /** Incremental exports leave out changes younger than this (default 0: none). */
  exportLagMs?: number;
}

export interface TicketEventsPage {
  events: DemoTicketEvent[];
  endTime: number;
  endOfStream: boolean;
}

/** A ticket id that is unknown or deleted. */
export class UnknownTicketError extends Error {}

const UNSOLVED: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'hold']);

export class HelpdeskStore implements DemoDataset {
  readonly ticketLog: ChangeLog;
  readonly userLog: ChangeLog;
  /** Unsolved tickets, for the live simulator to pick from. */
  readonly unsolved = new IndexedSet();

  private readonly changedTickets = new Map<number, DemoTicket>();
  /** Tickets deleted while the demo runs: id → deletion time. */
  private readonly liveDeletions = new Map<number, number>();
  private readonly liveTicketMetas = new Map<number, TicketMeta>();
  private readonly changedUsers = new Map<number, DemoUser>();
  private readonly livePersons: Person[] = [];
  private readonly livePersonOfUser = new Map<number, number>();
  private readonly usersByEmail = new Map<string, DemoUser>();
  private readonly liveComments = new Map<number, DemoComment[]>();
  private readonly liveAudits: AuditRecord[] = [];
  /** Positions in liveAudits per ticket, oldest first. */
  private readonly liveAuditsByTicket = new Map<number, number[]>();
  private baseAuditIndex: TicketAuditIndex | null = null;
  private liveCommentTotal = 0;
  private newTicketCount = 0;
  private newUserCount = 0;

  readonly exportLagMs: number;

  constructor(
    readonly base: GeneratedDataset,
    readonly clock: LiveClock,
    options: StoreOptions = {},
  ) {
    this.exportLagMs = options.exportLagMs ?? 0;
    if (!(this.exportLagMs >= 0)) throw new Error('exportLagMs must be zero or positive');
    const tickets = base.ticketExportOrder();
    this.ticketLog = new ChangeLog(tickets.ids, tickets.times);
    const users = base.userExportOrder();
    this.userLog = new ChangeLog(users.ids, users.times);
    for (const ticket of base.tickets()) if (UNSOLVED.has(ticket.status)) this.unsolved.add(ticket.id);
  }

  // --- DemoDataset ----------------------------------------------------------------

  get seed(): number {
    return this.base.seed;
  }
  get anchorTime(): number {
    return this.base.anchorTime;
  }
  get baseUrl(): string {
    return this.base.baseUrl;
  }
  get meAgent(): DemoUser {
    return this.base.meAgent;
  }
  get restrictedAgent(): DemoUser {
    return this.base.restrictedAgent;
  }
  get hostileTicketId(): number {
    return this.base.hostileTicketId;
  }
  get sampleKoreanTicketId(): number {
    return this.base.sampleKoreanTicketId;
  }
  get emptyHtmlTicketId(): number | null {
    return this.base.emptyHtmlTicketId;
  }
  get largestEventBurst(): { timestamp: number; count: number } {
    return this.base.largestEventBurst;
  }

  get ticketCount(): number {
    return this.base.ticketCount + this.newTicketCount;
  }

  ticket(id: number): DemoTicket | undefined {
    if (this.liveDeletions.has(id)) return undefined;
    return this.changedTickets.get(id) ?? this.base.ticket(id);
  }

  tickets(): DemoTicket[] {
    const out: DemoTicket[] = [];
    for (let id = 1; id <= this.ticketCount; id++) {
      const ticket = this.ticket(id);
      if (ticket) out.push(ticket);
    }
    return out;
  }

  /** When a ticket was deleted (unix seconds), or undefined when it was not. */
  deletionTime(id: number): number | undefined {
    return this.liveDeletions.get(id) ?? this.base.deletionTime(id);
  }

  deletedTicketIds(): number[] {
    if (this.liveDeletions.size === 0) return this.base.deletedTicketIds();
    return [...this.base.deletedTicketIds(), ...this.liveDeletions.keys()].sort((a, b) => a - b);
  }

  /** Tickets that exist (ids minus deletions): what tickets/count answers. */
  get activeTicketCount(): number {
    return this.ticketCount - this.base.deletedTicketIds().length - this.liveDeletions.size;
  }

  /**
   * A ticket as the incremental export sends it: the current record, or for a deleted ticket its
   * last record with status "deleted" (scrubbed once deleted for 30 days), undefined if unknown.
   */
  exportTicket(id: number): ExportedTicket | undefined {
    const deletedAt = this.deletionTime(id);
    if (deletedAt === undefined) {
      const ticket = this.ticket(id);
      // Edge case: one (closed) ticket's updated_at is not a date, in this export only.
      return ticket && id === this.base.edgeCases.badUpdatedAtTicketId ? { ...ticket, updated_at: NOT_A_DATE } : ticket;
    }
    const last = this.changedTickets.get(id) ?? this.base.rawTicket(id);
    return last && deletedTicketRecord(last, deletedAt, this.clock.nowSec());
  }

  /** A user as the incremental user export sends it (one user's id is null with edge cases on). */
  exportUser(id: number): DemoUser | (Omit<DemoUser, 'id'> & { id: null }) | undefined {
    const user = this.user(id);
    return user && id === this.base.edgeCases.userWithoutIdUserId ? { ...user, id: null } : user;
  }

  get unreadableRecords(): readonly UnreadableRecord[] {
    return this.base.unreadableRecords;
  }

  get valuesToMap(): readonly ValueToMap[] {
    return this.base.valuesToMap;
  }

  /** Comment ids of a ticket, oldest first (generated and live), without rendering bodies. */
  commentIdsFor(ticketId: number): number[] {
    const live = (this.liveComments.get(ticketId) ?? []).map((c) => c.id);
    return ticketId <= this.base.ticketCount ? [...this.base.commentIdsFor(ticketId), ...live] : live;
  }

  syncGroundTruth(): SyncGroundTruth {
    return groundTruth(this, (id) => this.commentIdsFor(id));
  }

  /**
   * Deletes a ticket now: it leaves show, comments, audits, search and counts (404 for the API),
   * and appears in the incremental ticket export once more, with status "deleted". Its earlier
   * events stay in the ticket_events stream.
   */
  deleteTicket(id: number): { ticketId: number; deletedAt: number } {
    const ticket = this.ticket(id);
    if (!ticket) throw new UnknownTicketError(`no ticket ${id}`);
    const now = this.clock.nowSecAfter(Math.max(unixFromIso(ticket.updated_at), ticket.generated_timestamp));
    this.liveDeletions.set(id, now);
    this.ticketLog.append(id, now);
    this.unsolved.delete(id);
    return { ticketId: id, deletedAt: now };
  }

  metaOf(ticketId: number): TicketMeta | undefined {
    return this.base.metas[ticketId - 1] ?? this.liveTicketMetas.get(ticketId);
  }

  get userCount(): number {
    return this.base.userCount + this.newUserCount;
  }

  user(id: number): DemoUser | undefined {
    return this.changedUsers.get(id) ?? this.base.user(id);
  }

  users(): DemoUser[] {
    const out = this.base.users().map((u) => this.changedUsers.get(u.id) ?? u);
    const lastBaseId = this.lastBaseUserId();
    for (let k = 1; k <= this.newUserCount; k++) out.push(this.changedUsers.get(lastBaseId + k) as DemoUser);
    return out;
  }

  userByEmail(email: string): DemoUser | undefined {
    return this.usersByEmail.get(email.toLowerCase()) ?? this.base.userByEmail(email);
  }

  agents(): DemoUser[] {
    return this.base.agents();
  }

  endUsers(): DemoUser[] {
    return this.users().filter((u) => u.role === 'end-user');
  }

  groups(): DemoGroup[] {
    return this.base.groups();
  }

  deletedGroups(): DemoGroup[] {
    return this.base.deletedGroups();
  }

  organizations(): DemoOrganization[] {
    return this.base.organizations();
  }

  macros(): DemoMacro[] {
    return this.base.macros();
  }

  get commentCount(): number {
    return this.base.commentCount + this.liveCommentTotal;
  }

  commentsFor(ticketId: number): DemoComment[] {
    const live = this.liveComments.get(ticketId) ?? [];
    return ticketId <= this.base.ticketCount ? [...this.base.commentsFor(ticketId), ...live] : [...live];
  }

  commentCountFor(ticketId: number): number {
    return this.base.commentCountFor(ticketId) + (this.liveComments.get(ticketId)?.length ?? 0);
  }

  get auditCount(): number {
    return this.base.auditCount + this.liveAudits.length;
  }

  get personCount(): number {
    return this.base.personCount + this.livePersons.length;
  }

  personOfUser(userId: number): number | undefined {
    return this.base.personOfUser(userId) ?? this.livePersonOfUser.get(userId);
  }

  usersOfPerson(personId: number): number[] {
    if (personId < this.base.personCount) return this.base.usersOfPerson(personId);
    return this.livePersons[personId - this.base.personCount]?.userIds.slice() ?? [];
  }

  ordersForEmail(email: string): DemoOrder[] {
    const user = this.userByEmail(email);
    const personId = user ? this.personOfUser(user.id) : undefined;
    if (personId === undefined) return [];
    if (personId < this.base.personCount) return this.base.ordersForPerson(personId);
    const person = this.livePersons[personId - this.base.personCount];
    if (!person) return [];
    return ordersForPerson(this.seed, person.id, person.language, person.tier, Math.floor(this.anchorTime / 1000)).slice(0, 5).map(publicOrder);
  }

  // --- incremental exports -------------------------------------------------------------

  /**
   * The newest change time (unix seconds) the incremental exports return now, or Infinity without
   * a lag. Zendesk: "any items that were created or changed within the minute prior to your
   * request are excluded"; a later request returns them (the cursor / end_time stays put).
   */
  exportCutoffSec(): number {
    if (this.exportLagMs <= 0) return Infinity;
    return Math.floor((this.clock.nowMs() - this.exportLagMs) / 1000);
  }

  // --- ticket_events stream ----------------------------------------------------------

  private eventTime(position: number): number {
    const baseCount = this.base.auditCount;
    return position < baseCount ? (this.base.tables.auditTime[position] as number) : (this.liveAudits[position - baseCount] as AuditRecord).timestamp;
  }

  private auditRecordAt(position: number): AuditRecord {
    const baseCount = this.base.auditCount;
    return position < baseCount ? this.base.renderAuditRecord(position) : (this.liveAudits[position - baseCount] as AuditRecord);
  }

  private renderEvent(position: number, includeComments: boolean): DemoTicketEvent {
    return this.base.exportEvent(this.auditRecordAt(position), includeComments);
  }

  /**
   * A time-based page: events with timestamp >= startTime, at least `perPage` of them when
   * available, extended to every event sharing the last timestamp so paging by end_time never
   * loses events. If a whole page shares startTime, end_time moves one second on so the next
   * page cannot repeat it forever.
   */
  ticketEventsPage(startTime: number, perPage: number, includeComments: boolean, maxTime = Infinity): TicketEventsPage {
    // Events are in time order; those after maxTime (the export lag) are not there yet.
    const total = maxTime === Infinity ? this.auditCount : this.firstEventAfter(maxTime);
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.eventTime(mid) < startTime) lo = mid + 1;
      else hi = mid;
    }
    const from = lo;
    if (from >= total) return { events: [], endTime: startTime, endOfStream: true };
    let to = Math.min(from + perPage, total);
    const lastTime = this.eventTime(to - 1);
    while (to < total && this.eventTime(to) === lastTime) to++;
    const events: DemoTicketEvent[] = [];
    for (let p = from; p < to; p++) events.push(this.renderEvent(p, includeComments));
    const endOfStream = to >= total;
    const endTime = lastTime === startTime && !endOfStream ? lastTime + 1 : lastTime;
    return { events, endTime, endOfStream };
  }

  /** Position of the first event whose time is after `time`. */
  private firstEventAfter(time: number): number {
    let lo = 0;
    let hi = this.auditCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.eventTime(mid) <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // --- audits of one ticket (GET /api/v2/tickets/{id}/audits) ----------------------------

  private auditIndex(): TicketAuditIndex {
    this.baseAuditIndex ??= new TicketAuditIndex(this.base.tables.auditTicket, this.base.ticketCount);
    return this.baseAuditIndex;
  }

  /** Number of audits of a ticket: its generated history plus live changes. */
  auditCountFor(ticketId: number): number {
    return this.auditIndex().count(ticketId) + (this.liveAuditsByTicket.get(ticketId)?.length ?? 0);
  }

  /** Audits [from, to) of a ticket, oldest first, comments with bodies. */
  auditsFor(ticketId: number, from: number, to: number): AuditRecord[] {
    const index = this.auditIndex();
    const baseCount = index.count(ticketId);
    const live = this.liveAuditsByTicket.get(ticketId) ?? [];
    const out: AuditRecord[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, baseCount + live.length); i++) {
      out.push(i < baseCount ? this.base.renderAuditRecord(index.rank(ticketId, i)) : (this.liveAudits[live[i - baseCount] as number] as AuditRecord));
    }
    return out;
  }

  // --- changes ------------------------------------------------------------------------

  private lastBaseUserId(): number {
    return this.base.lastUserId;
  }

  private nextAuditRank(): number {
    return this.base.auditCount + this.liveAudits.length;
  }

  /** Creates an end user (and the person behind it) from live traffic. */
  createCustomer(input: NewCustomerInput): DemoUser {
    const now = this.clock.nowSec();
    const id = this.lastBaseUserId() + this.newUserCount + 1;
    this.newUserCount++;
    const person: Person = { ...input.person, id: this.personCount, userIds: [id] };
    this.livePersons.push(person);
    const user: DemoUser = { ...input.user, id, url: userUrl(this.baseUrl, id), created_at: isoFromUnix(now), updated_at: isoFromUnix(now) };
    this.changedUsers.set(id, user);
    this.livePersonOfUser.set(id, person.id);
    if (user.email) this.usersByEmail.set(user.email.toLowerCase(), user);
    this.userLog.append(id, now);
    return user;
  }

  createTicket(input: NewTicketInput, options: ChangeOptions): ChangeResult {
    const now = this.clock.nowSec();
    const id = this.ticketCount + 1;
    this.newTicketCount++;
    const ticket: DemoTicket = {
      ...input.ticket,
      via: this.base.wireVia(input.ticket.via, 'ticket', id),
      id,
      url: ticketUrl(this.baseUrl, id),
      description: input.comment.body,
      created_at: isoFromUnix(now),
      updated_at: isoFromUnix(now),
      generated_timestamp: now,
    };
    this.liveTicketMetas.set(id, input.meta);
    return this.record((nextId) => ({ ticket, events: creationEvents(ticket, nextId) }), { ...options, comment: input.comment }, now);
  }

  /**
   * Applies field changes and/or adds a comment, as one audit. The new updated_at is always past
   * the previous one, so every version of a ticket has its own safe_update stamp.
   */
  updateTicket(ticketId: number, changes: TicketChanges, options: ChangeOptions): ChangeResult {
    const current = this.ticket(ticketId);
    if (!current) throw new Error(`no ticket ${ticketId}`);
    const now = this.clock.nowSecAfter(Math.max(unixFromIso(current.updated_at), current.generated_timestamp));
    return this.record((nextId) => applyTicketChanges(current, changes, nextId), options, now);
  }

  /** Records one audit: its comment (if any) first, then the events `build` derives. */
  private record(
    build: (nextId: () => number) => { ticket: DemoTicket; events: FieldEvent[] },
    options: ChangeOptions,
    now: number,
  ): ChangeResult {
    const auditId = auditIdOfRank(this.nextAuditRank());
    let next = auditId + 1;
    const nextId = (): number => {
      if (next >= auditId + AUDIT_ID_STRIDE) throw new Error('too many child events in one audit');
      return next++;
    };
    const created = isoFromUnix(now);
    let comment: DemoComment | null = null;
    if (options.comment) {
      const input = options.comment;
      const commentId = nextId();
      comment = {
        id: commentId,
        type: 'Comment',
        author_id: input.authorId,
        body: input.body,
        html_body: input.htmlBody,
        plain_body: input.body,
        public: input.public,
        audit_id: auditId,
        via: this.base.wireVia(input.via, 'comment', commentId),
        created_at: created,
        attachments: input.attachments ?? [],
        metadata: { system: {}, custom: options.metadataCustom ?? {} },
      };
    }
    const built = build(nextId);
    const updated: DemoTicket = { ...built.ticket, updated_at: created, generated_timestamp: now };
    const system = options.metadataSystem ?? {};
    const audit: AuditRecord = {
      id: auditId,
      ticket_id: updated.id,
      timestamp: now,
      created_at: created,
      updater_id: options.updaterId,
      via: options.via,
      metadata: { system: { ...system }, custom: options.metadataCustom ?? {} },
      comment,
      fields: built.events,
    };
    this.changedTickets.set(updated.id, updated);
    const byTicket = this.liveAuditsByTicket.get(updated.id) ?? [];
    byTicket.push(this.liveAudits.length);
    this.liveAuditsByTicket.set(updated.id, byTicket);
    this.liveAudits.push(audit);
    if (comment) {
      const list = this.liveComments.get(updated.id) ?? [];
      list.push(comment);
      this.liveComments.set(updated.id, list);
      this.liveCommentTotal++;
    }
    this.ticketLog.append(updated.id, now);
    if (UNSOLVED.has(updated.status)) this.unsolved.add(updated.id);
    else this.unsolved.delete(updated.id);
    return { ticket: updated, audit, comment };
  }
}
