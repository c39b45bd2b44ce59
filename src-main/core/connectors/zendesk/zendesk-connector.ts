import type { z } from 'zod';
import { JsonHttpClient, type HttpClientOptions, type RequestPriority } from '../../net/http-client';
import type { BucketName, RatePlanner } from '../../net/rate-planner';
import { PayloadError, PermanentRemoteError } from '../../net/errors';
import { WriteConflictError, type ChannelConnector, type PullPage, type PushAction, type PushResult, type RecentOrder, type RemoteCase, type RemoteMacro, type RemoteMessage, type RemotePerson, type RemoteSlaPolicy, type RemoteSlaSetup, type StreamSpec, type WritableConnector } from '../connector';
import { macrosResponse, toRemoteMacro } from './macro-mapping';
import { RecordReader, describeIssues } from './record-reader';
import { schedulesResponse, slaPoliciesResponse, toBusinessSchedule, toRemoteSlaPolicy } from './sla-mapping';
import {
  auditsResponse,
  commentsResponse,
  groupsResponse,
  meResponse,
  nextPageUrl,
  ordersResponse,
  organizationsResponse,
  searchExportResponse,
  showManyUsersResponse,
  showTicketResponse,
  showManyTicketsResponse,
  ticketCountResponse,
  ticketEventsResponse,
  ticketExportResponse,
  ticketUpdateResponse,
  userExportResponse,
  usersListResponse,
  type ZendeskAudit,
} from './schemas';

export interface ZendeskConnectorOptions {
  baseUrl: string;
  email: string;
  token: string;
  /** Page size of the incremental exports (Zendesk's maximum and default is 1000). */
  exportPageSize?: number;
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'authorization'>>;
}

// Streams in the order an agent needs them (DESIGN §5): who I am and the directory, then my open
// cases, then the open queue, then all history through the incremental exports.
const STREAMS: readonly StreamSpec[] = [
  { name: 'groups', phase: 'identity', counts: 'setup', follows: false },
  { name: 'agents', phase: 'identity', counts: 'setup', follows: false },
  { name: 'organizations', phase: 'identity', counts: 'setup', follows: false },
  { name: 'mine', phase: 'first-work', counts: 'cases', follows: false },
  { name: 'open-queue', phase: 'queue', counts: 'cases', follows: false },
  { name: 'people', phase: 'history', counts: 'people', follows: true },
  // Cases wait for the people backfill: requesters then resolve to known customers instead of
  // placeholders that must be merged later (cheaper, and the inbox shows names sooner).
  { name: 'cases', phase: 'history', counts: 'cases', follows: true, after: 'people' },
  { name: 'messages', phase: 'history', counts: 'messages', follows: true },
];

/** The endpoint each stream reads (for messages about it). */
const STREAM_ENDPOINTS: Readonly<Record<string, string>> = {
  groups: '/api/v2/groups',
  agents: '/api/v2/users',
  organizations: '/api/v2/organizations',
  mine: '/api/v2/search/export',
  'open-queue': '/api/v2/search/export',
  people: '/api/v2/incremental/users/cursor',
  cases: '/api/v2/incremental/tickets/cursor',
  messages: '/api/v2/incremental/ticket_events',
};

// The search export takes the record type only in filter[type]; naming it in the query is an error.
const SEARCH_QUERIES: Record<string, string> = {
  mine: 'assignee:me status<solved',
  'open-queue': 'status<solved',
};

/** The Zendesk Support API as a channel connector. */
export class ZendeskConnector implements ChannelConnector, WritableConnector {
  readonly kind = 'zendesk';
  readonly capabilities = { pushActions: true, threadOnDemand: true, recentOrders: true };
  readonly http: JsonHttpClient;
  private readonly pageSize: number;

  constructor(options: ZendeskConnectorOptions) {
    const authorization = `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString('base64')}`;
    this.http = new JsonHttpClient({ bucketOf: zendeskBucketOf, ...options.http, baseUrl: options.baseUrl, authorization });
    this.pageSize = options.exportPageSize ?? 1000;
  }

  /** The account's request budget (docs/zendesk-conformance.md "Rate limits"). */
  get planner(): RatePlanner {
    return this.http.planner;
  }

  streams(): readonly StreamSpec[] {
    return STREAMS;
  }

  async whoAmI(signal?: AbortSignal): Promise<RemotePerson> {
    const body = await this.get('/api/v2/users/me.json', meResponse, 'foreground', signal);
    const reader = new RecordReader();
    const me = reader.user(body.user);
    if (!me) throw new PayloadError(`The helpdesk sent an unexpected payload from /api/v2/users/me (unexpected user): ${reader.issues[0]?.detail ?? ''}`, this.http.resolve('/api/v2/users/me.json'));
    return me;
  }

  ping(signal?: AbortSignal): Promise<boolean> {
    return this.http.ping('/api/v2/users/me.json', signal);
  }

  async estimateCaseCount(signal?: AbortSignal): Promise<number | null> {
    try {
      const body = await this.get('/api/v2/tickets/count.json', ticketCountResponse, 'background', signal);
      return body.count.value;
    } catch {
      return null; // only used for the progress bar
    }
  }

  async pull(stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    const reader = new RecordReader();
    const page = await this.pullWith(reader, stream, cursor, signal);
    if (reader.issues.length === 0) return page;
    this.doubtPage(stream, cursor, page, reader);
    return { ...page, recordIssues: reader.issues };
  }

  /** How often each page whose records were all unreadable has been read (by stream and cursor). */
  private readonly doubtedPages = new Map<string, number>();

  /**
   * A page where not one of several records can be read is more likely a broken answer than
   * broken records: it is read again a few times before its records are skipped for good (the
   * stream must move on eventually, or one bad page would stop it forever).
   */
  private doubtPage(stream: string, cursor: string | null, page: PullPage, reader: RecordReader): void {
    const skipped = reader.issues.filter((i) => i.issue === 'skipped').length;
    const read = (page.cases?.length ?? 0) + (page.deletedCases?.length ?? 0) + (page.people?.length ?? 0) + (page.messages?.length ?? 0) + (page.groups?.length ?? 0) + (page.organizations?.length ?? 0);
    if (read > 0 || skipped < 2) return;
    const key = `${stream}\u0000${cursor ?? ''}`;
    const seen = (this.doubtedPages.get(key) ?? 0) + 1;
    if (seen >= DOUBTED_PAGE_READS) {
      this.doubtedPages.delete(key);
      return;
    }
    this.doubtedPages.set(key, seen);
    const path = STREAM_ENDPOINTS[stream] ?? stream;
    throw new PayloadError(`The helpdesk sent an unexpected payload from ${path} (none of ${skipped} records could be read): ${reader.issues[0]?.detail ?? ''}`, path);
  }

  private async pullWith(reader: RecordReader, stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    switch (stream) {
      case 'groups': {
        // Cursor pagination; deleted groups are listed too unless excluded.
        const url = cursor ?? '/api/v2/groups.json?page[size]=100&exclude_deleted=true';
        const body = await this.get(url, groupsResponse, 'background', signal);
        return { groups: reader.named('group', body.groups), ...nextPage(body) };
      }
      case 'agents': {
        const url = cursor ?? '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100';
        const body = await this.get(url, usersListResponse, 'background', signal);
        return { people: reader.users(body.users), ...nextPage(body) };
      }
      case 'organizations': {
        const url = cursor ?? '/api/v2/organizations.json?page[size]=100';
        const body = await this.get(url, organizationsResponse, 'background', signal);
        return { organizations: reader.named('organization', body.organizations), ...nextPage(body) };
      }
      case 'mine':
      case 'open-queue':
        return this.pullSearch(reader, stream, cursor, signal);
      case 'people': {
        const url = cursor ? `/api/v2/incremental/users/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=${this.pageSize}` : `/api/v2/incremental/users/cursor.json?start_time=0&per_page=${this.pageSize}`;
        const body = await this.get(url, userExportResponse, 'background', signal);
        return { people: reader.users(body.users), cursor: body.after_cursor ?? cursor, caughtUp: body.end_of_stream };
      }
      case 'cases': {
        const url = cursor ? `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=${this.pageSize}` : `/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=${this.pageSize}`;
        const body = await this.get(url, ticketExportResponse, 'background', signal);
        const { cases, deleted } = reader.tickets(body.tickets);
        return { cases, ...(deleted.length > 0 ? { deletedCases: deleted } : {}), cursor: body.after_cursor ?? cursor, caughtUp: body.end_of_stream };
      }
      case 'messages':
        return this.pullTicketEvents(reader, cursor, signal);
      default:
        throw new Error(`Unknown Zendesk stream "${stream}"`);
    }
  }

  /**
   * A case's comments, every page (oldest first); `newestOnly`: one page of the newest 100, for a
   * case whose older comments are cached already (the thread is then not marked complete by it).
   */
  async fetchThread(caseRemoteId: string, signal?: AbortSignal, need: RequestPriority = 'foreground', newestOnly = false): Promise<PullPage> {
    const reader = new RecordReader();
    const messages: RemoteMessage[] = [];
    const seen = new Set<string>();
    let url: string | null = `/api/v2/tickets/${encodeURIComponent(caseRemoteId)}/comments.json?page[size]=100${newestOnly ? '&sort=-created_at' : ''}`;
    while (url && !seen.has(url)) {
      seen.add(url);
      const body: z.infer<typeof commentsResponse> = await this.get(url, commentsResponse, need, signal);
      for (const comment of body.comments) {
        const message = reader.comment(comment, Number(caseRemoteId), null, null);
        if (message) messages.push(message);
      }
      url = newestOnly ? null : nextPageUrl(body);
    }
    const page: PullPage = { messages, completeThreads: newestOnly ? [] : [caseRemoteId], cursor: null, caughtUp: true };
    if (reader.issues.length > 0) page.recordIssues = reader.issues;
    return page;
  }

  async recentOrders(email: string, signal?: AbortSignal): Promise<RecentOrder[]> {
    const body = await this.get(`/crm/v1/orders.json?email=${encodeURIComponent(email)}`, ordersResponse, 'foreground', signal);
    return body.orders.map((o) => ({ number: o.number, placedAt: Date.parse(o.placed_at), total: o.total, currency: o.currency, status: o.status, items: o.items }));
  }

  /**
   * The macros the agent may use (`macros/active.json`), every page: cursor pagination of 100,
   * following `links.next` while `meta.has_more` (or `next_page` from an older API). A page that
   * does not match the schema is a PayloadError naming the endpoint and the field.
   */
  async fetchMacros(signal?: AbortSignal): Promise<RemoteMacro[]> {
    const macros: RemoteMacro[] = [];
    const seen = new Set<string>();
    let url: string | null = '/api/v2/macros/active.json?page[size]=100';
    while (url) {
      if (seen.has(url)) break; // a helpdesk that repeats its own next link must not loop us forever
      seen.add(url);
      const body: z.infer<typeof macrosResponse> = await this.get(url, macrosResponse, 'background', signal);
      for (const macro of body.macros) macros.push(toRemoteMacro(macro));
      url = body.meta ? (body.meta.has_more ? (body.links?.next ?? null) : null) : (body.next_page ?? null);
    }
    return macros;
  }

  /**
   * The SLA policies (`slas/policies.json`, every page) and the account's default business hours
   * (`business_hours/schedules.json`, the first schedule). A 404 means none (plans without SLAs or
   * business hours); a payload that does not match is a PayloadError.
   */
  async fetchSlaPolicies(signal?: AbortSignal): Promise<RemoteSlaSetup> {
    const policies: RemoteSlaPolicy[] = [];
    const seen = new Set<string>();
    let url: string | null = '/api/v2/slas/policies.json';
    while (url && !seen.has(url)) {
      seen.add(url);
      const body: z.infer<typeof slaPoliciesResponse> | null = await this.getOrNull(url, slaPoliciesResponse, signal);
      if (!body) break;
      for (const policy of body.sla_policies) policies.push(toRemoteSlaPolicy(policy));
      url = body.next_page ?? null;
    }
    const schedules = policies.some((p) => p.targets.some((t) => t.businessHours)) ? await this.getOrNull('/api/v2/business_hours/schedules.json', schedulesResponse, signal) : null;
    return { policies, schedule: schedules ? toBusinessSchedule(schedules) : null };
  }

  private async getOrNull<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S> | null> {
    try {
      return await this.get(url, schema, 'background', signal);
    } catch (error) {
      if (error instanceof PermanentRemoteError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * One outbox action as one ticket update: `safe_update` with the version the agent saw (a stale
   * one gets 409 UpdateConflict), tag additions and removals that never replace the list, and the
   * action id in `metadata.custom` so the audit trail can tell whether it was already applied.
   */
  async push(action: PushAction, signal?: AbortSignal): Promise<PushResult> {
    const ticket: Record<string, unknown> = { metadata: { custom: { [ACTION_ID_KEY]: action.actionId } } };
    if (action.baseVersion) {
      ticket.safe_update = true;
      ticket.updated_stamp = action.baseVersion;
    }
    if (action.comment) ticket.comment = { body: action.comment.body, public: action.comment.public };
    if (action.status !== undefined) ticket.status = action.status;
    if (action.priority !== undefined) ticket.priority = action.priority;
    if (action.assigneeRemoteId !== undefined) ticket.assignee_id = action.assigneeRemoteId === null ? null : Number(action.assigneeRemoteId);
    if (action.groupRemoteId !== undefined) ticket.group_id = action.groupRemoteId === null ? null : Number(action.groupRemoteId);
    if (action.addTags && action.addTags.length > 0) ticket.additional_tags = action.addTags;
    if (action.removeTags && action.removeTags.length > 0) ticket.remove_tags = action.removeTags;
    const url = this.http.resolve(`/api/v2/tickets/${encodeURIComponent(action.caseRemoteId)}.json`);
    const response = await this.http.sendJson(url, 'PUT', { ticket }, signal ? { signal } : {});
    if (response.status === 409) {
      const body = response.body as { description?: unknown } | null;
      throw new WriteConflictError(typeof body?.description === 'string' ? body.description : 'UpdateConflict');
    }
    const parsed = ticketUpdateResponse.safeParse(response.body);
    if (!parsed.success) throw payloadError(url, 'unexpected update response', parsed.error);
    const audit = parsed.data.audit ?? null;
    return { case: this.readTicket(url, parsed.data.ticket), commentRemoteId: commentIdOf(audit), auditRemoteId: audit ? String(audit.id) : null };
  }

  async findPushed(caseRemoteId: string, actionId: string, signal?: AbortSignal): Promise<PushResult | null> {
    let url: string | null = `/api/v2/tickets/${encodeURIComponent(caseRemoteId)}/audits.json?page[size]=100`;
    while (url) {
      const body: z.infer<typeof auditsResponse> = await this.get(url, auditsResponse, 'foreground', signal);
      const audit = body.audits.find((a) => a.metadata?.custom?.[ACTION_ID_KEY] === actionId);
      if (audit) return { case: await this.fetchCase(caseRemoteId, signal), commentRemoteId: commentIdOf(audit), auditRemoteId: String(audit.id) };
      url = body.meta?.has_more ? (body.links?.next ?? null) : (body.next_page ?? null);
    }
    return null;
  }

  async fetchCase(caseRemoteId: string, signal?: AbortSignal): Promise<RemoteCase | null> {
    const url = `/api/v2/tickets/${encodeURIComponent(caseRemoteId)}.json`;
    const body = await this.get(url, showTicketResponse, 'foreground', signal);
    return this.readTicket(url, body.ticket);
  }

  /**
   * Up to 100 cases at once (`tickets/show_many`), for keeping the cases in front of the agent
   * fresh between export polls. Ids the answer leaves out are `missing` (deleted, or not visible).
   */
  async fetchCases(caseRemoteIds: readonly string[], signal?: AbortSignal): Promise<{ page: PullPage; missing: string[] }> {
    const reader = new RecordReader();
    const cases: RemoteCase[] = [];
    const deleted: { remoteId: string; generatedTs: number }[] = [];
    for (let i = 0; i < caseRemoteIds.length; i += 100) {
      const chunk = caseRemoteIds.slice(i, i + 100);
      const body = await this.get(`/api/v2/tickets/show_many.json?ids=${chunk.map(encodeURIComponent).join(',')}`, showManyTicketsResponse, 'attention', signal);
      const read = reader.tickets(body.tickets);
      cases.push(...read.cases);
      deleted.push(...read.deleted);
    }
    const answered = new Set([...cases.map((c) => c.remoteId), ...deleted.map((d) => d.remoteId)]);
    const missing = caseRemoteIds.filter((id) => !answered.has(id) && !reader.issues.some((issue) => issue.remoteId === id));
    const page: PullPage = { cases, cursor: null, caughtUp: true };
    if (deleted.length > 0) page.deletedCases = deleted;
    if (reader.issues.length > 0) page.recordIssues = reader.issues;
    return { page, missing };
  }

  /** A ticket the helpdesk answered with: a ticket we cannot read is a payload error (nothing to store). */
  private readTicket(url: string, raw: unknown): RemoteCase {
    const reader = new RecordReader();
    const remote = reader.ticket(raw);
    if (!remote) throw new PayloadError(`The helpdesk sent an unexpected payload from ${pathOf(this.http.resolve(url))} (unexpected ticket): ${reader.issues[0]?.detail ?? ''}`, this.http.resolve(url));
    return remote;
  }

  /** Search export pages plus the requesters they mention (search results carry no side-loads). */
  private async pullSearch(reader: RecordReader, stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    const query = encodeURIComponent(SEARCH_QUERIES[stream]!);
    const priority: RequestPriority = stream === 'mine' ? 'foreground' : 'background';
    const url = cursor ?? `/api/v2/search/export.json?query=${query}&filter[type]=ticket&page[size]=${stream === 'mine' ? 100 : 1000}`;
    const body = await this.get(url, searchExportResponse, priority, signal);
    const { cases, deleted } = reader.tickets(body.results);
    const people = await this.usersOf(reader, cases, priority, signal);
    return { cases, people, ...(deleted.length > 0 ? { deletedCases: deleted } : {}), ...nextPage(body) };
  }

  /** Users by id (`users/show_many`, 100 a request): requesters a ticket export page named before the users export got to them. */
  async fetchPeople(remoteIds: readonly string[], signal?: AbortSignal): Promise<PullPage> {
    const reader = new RecordReader();
    const people = await this.usersById(reader, remoteIds, 'background', signal);
    const page: PullPage = { people, cursor: null, caughtUp: true };
    if (reader.issues.length > 0) page.recordIssues = reader.issues;
    return page;
  }

  private usersOf(reader: RecordReader, cases: readonly RemoteCase[], priority: RequestPriority, signal?: AbortSignal): Promise<RemotePerson[]> {
    return this.usersById(reader, cases.flatMap((c) => (c.requesterRemoteId ? [c.requesterRemoteId] : [])), priority, signal);
  }

  private async usersById(reader: RecordReader, remoteIds: readonly string[], priority: RequestPriority, signal?: AbortSignal): Promise<RemotePerson[]> {
    const ids = [...new Set(remoteIds)].filter((id) => /^\d+$/.test(id));
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    // In parallel: the HTTP client bounds concurrency and rate.
    const pages = await Promise.all(chunks.map((chunk) => this.get(`/api/v2/users/show_many.json?ids=${chunk.join(',')}`, showManyUsersResponse, priority, signal)));
    return pages.flatMap((body) => reader.users(body.users));
  }

  private async pullTicketEvents(reader: RecordReader, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    const startTime = cursor ?? '0';
    const url = `/api/v2/incremental/ticket_events.json?start_time=${encodeURIComponent(startTime)}&include=comment_events&per_page=${this.pageSize}`;
    const body = await this.get(url, ticketEventsResponse, 'background', signal);
    const { messages, statusChanges } = reader.ticketEvents(body.ticket_events);
    const next = body.end_time ?? null;
    return { messages, ...(statusChanges.length > 0 ? { statusChanges } : {}), cursor: next === null ? cursor : String(next), caughtUp: body.end_of_stream };
  }

  private async get<S extends z.ZodType>(url: string, schema: S, priority: RequestPriority, signal?: AbortSignal): Promise<z.infer<S>> {
    const body = await this.http.getJson(url, { priority, ...(signal ? { signal } : {}) });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw payloadError(this.http.resolve(url), 'unexpected response', parsed.error);
    return parsed.data;
  }
}

const ACTION_ID_KEY = 'shiftdesk_action_id';

/** Reads of a page whose records are all unreadable before they are skipped. */
const DOUBTED_PAGE_READS = 5;

/**
 * Zendesk's rate buckets (docs/zendesk-conformance.md "Rate limits"): every incremental export
 * shares one ("Incremental Exports global limit | GET /api/v2/incremental/*"), ticket updates have
 * theirs, the search export its own; everything also counts against the account's limit.
 */
export function zendeskBucketOf(method: 'GET' | 'PUT' | 'POST', url: URL): BucketName {
  const path = url.pathname;
  if (path.startsWith('/api/v2/incremental/')) return 'export';
  if (path.startsWith('/api/v2/search/export')) return 'search';
  if (method === 'PUT' && /^\/api\/v2\/tickets\/[^/]+(\.json)?$/.test(path)) return 'update';
  return 'general';
}

function commentIdOf(audit: ZendeskAudit | null): string | null {
  const comment = audit?.events?.find((e) => e.type === 'Comment' || e.type === 'VoiceComment');
  return comment?.id === undefined || comment.id === null ? null : String(comment.id);
}

function nextPage(body: Parameters<typeof nextPageUrl>[0]): { cursor: string | null; caughtUp: boolean } {
  const next = nextPageUrl(body);
  return { cursor: next, caughtUp: next === null };
}

function pathOf(url: string): string {
  return /^https?:/.test(url) ? new URL(url).pathname : (url.split('?')[0] ?? url);
}

function payloadError(url: string, what: string, error: z.ZodError): PayloadError {
  return new PayloadError(`The helpdesk sent an unexpected payload from ${pathOf(url)} (${what}): ${describeIssues(error)}`, url);
}
