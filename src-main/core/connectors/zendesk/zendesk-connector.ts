import type { z } from 'zod';
import { JsonHttpClient, type HttpClientOptions, type RequestPriority } from '../../net/http-client';
import { PayloadError, PermanentRemoteError } from '../../net/errors';
import { WriteConflictError, type ChannelConnector, type PullPage, type PushAction, type PushResult, type RecentOrder, type RemoteCase, type RemoteMacro, type RemoteMessage, type RemotePerson, type RemoteSlaPolicy, type RemoteSlaSetup, type RemoteStatusChange, type StreamSpec, type WritableConnector } from '../connector';
import { toRemoteCase, toRemoteMessage, toRemotePerson } from './mapping';
import { macrosResponse, toRemoteMacro } from './macro-mapping';
import { schedulesResponse, slaPoliciesResponse, toBusinessSchedule, toRemoteSlaPolicy } from './sla-mapping';
import {
  commentSchema,
  commentsResponse,
  groupsResponse,
  meResponse,
  ordersResponse,
  organizationsResponse,
  searchExportResponse,
  showManyUsersResponse,
  auditsResponse,
  showTicketResponse,
  statusSchema,
  ticketCountResponse,
  ticketUpdateResponse,
  type ZendeskAudit,
  ticketEventsResponse,
  ticketExportResponse,
  userExportResponse,
  usersListResponse,
  type ZendeskTicket,
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
    this.http = new JsonHttpClient({ ...options.http, baseUrl: options.baseUrl, authorization });
    this.pageSize = options.exportPageSize ?? 1000;
  }

  streams(): readonly StreamSpec[] {
    return STREAMS;
  }

  async whoAmI(signal?: AbortSignal): Promise<RemotePerson> {
    const body = await this.get('/api/v2/users/me.json', meResponse, 'foreground', signal);
    return toRemotePerson(body.user);
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
    switch (stream) {
      case 'groups': {
        const body = await this.get('/api/v2/groups.json', groupsResponse, 'background', signal);
        const groups = body.groups.filter((g) => !g.deleted).map((g) => ({ remoteId: String(g.id), name: g.name }));
        return { groups, cursor: null, caughtUp: true };
      }
      case 'agents': {
        const url = cursor ?? '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100';
        const body = await this.get(url, usersListResponse, 'background', signal);
        return { people: body.users.map(toRemotePerson), ...nextLink(body) };
      }
      case 'organizations': {
        const url = cursor ?? '/api/v2/organizations.json?page[size]=100';
        const body = await this.get(url, organizationsResponse, 'background', signal);
        return { organizations: body.organizations.map((o) => ({ remoteId: String(o.id), name: o.name })), ...nextLink(body) };
      }
      case 'mine':
      case 'open-queue':
        return this.pullSearch(stream, cursor, signal);
      case 'people': {
        const url = cursor ? `/api/v2/incremental/users/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=${this.pageSize}` : `/api/v2/incremental/users/cursor.json?start_time=0&per_page=${this.pageSize}`;
        const body = await this.get(url, userExportResponse, 'background', signal);
        return { people: body.users.map(toRemotePerson), cursor: body.after_cursor ?? cursor, caughtUp: body.end_of_stream };
      }
      case 'cases': {
        const url = cursor ? `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=${this.pageSize}` : `/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=${this.pageSize}`;
        const body = await this.get(url, ticketExportResponse, 'background', signal);
        return { cases: body.tickets.map(toRemoteCase), cursor: body.after_cursor ?? cursor, caughtUp: body.end_of_stream };
      }
      case 'messages':
        return this.pullTicketEvents(cursor, signal);
      default:
        throw new Error(`Unknown Zendesk stream "${stream}"`);
    }
  }

  async fetchThread(caseRemoteId: string, signal?: AbortSignal): Promise<PullPage> {
    const messages: RemoteMessage[] = [];
    let url: string | null = `/api/v2/tickets/${encodeURIComponent(caseRemoteId)}/comments.json?page[size]=100`;
    while (url) {
      const body: z.infer<typeof commentsResponse> = await this.get(url, commentsResponse, 'foreground', signal);
      for (const comment of body.comments) messages.push(toRemoteMessage(comment, Number(caseRemoteId), null));
      url = body.meta.has_more && body.links?.next ? body.links.next : null;
    }
    return { messages, completeThreads: [caseRemoteId], cursor: null, caughtUp: true };
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
    return { case: toRemoteCase(parsed.data.ticket), commentRemoteId: commentIdOf(parsed.data.audit ?? null) };
  }

  async findPushed(caseRemoteId: string, actionId: string, signal?: AbortSignal): Promise<PushResult | null> {
    let url: string | null = `/api/v2/tickets/${encodeURIComponent(caseRemoteId)}/audits.json?page[size]=100`;
    while (url) {
      const body: z.infer<typeof auditsResponse> = await this.get(url, auditsResponse, 'foreground', signal);
      const audit = body.audits.find((a) => a.metadata?.custom?.[ACTION_ID_KEY] === actionId);
      if (audit) return { case: await this.fetchCase(caseRemoteId, signal), commentRemoteId: commentIdOf(audit) };
      url = body.meta?.has_more ? (body.links?.next ?? null) : (body.next_page ?? null);
    }
    return null;
  }

  async fetchCase(caseRemoteId: string, signal?: AbortSignal): Promise<RemoteCase | null> {
    const body = await this.get(`/api/v2/tickets/${encodeURIComponent(caseRemoteId)}.json`, showTicketResponse, 'foreground', signal);
    return toRemoteCase(body.ticket);
  }

  /** Search export pages plus the requesters they mention (search results carry no side-loads). */
  private async pullSearch(stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    const query = encodeURIComponent(SEARCH_QUERIES[stream]!);
    const priority: RequestPriority = stream === 'mine' ? 'foreground' : 'background';
    const url = cursor ?? `/api/v2/search/export.json?query=${query}&filter[type]=ticket&page[size]=${stream === 'mine' ? 100 : 1000}`;
    const body = await this.get(url, searchExportResponse, priority, signal);
    const people = await this.usersOf(body.results, priority, signal);
    return { cases: body.results.map(toRemoteCase), people, ...nextLink(body) };
  }

  private async usersOf(tickets: ZendeskTicket[], priority: RequestPriority, signal?: AbortSignal): Promise<RemotePerson[]> {
    const ids = [...new Set(tickets.flatMap((t) => (t.requester_id ? [t.requester_id] : [])))];
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    // In parallel: the HTTP client bounds concurrency and rate.
    const pages = await Promise.all(chunks.map((chunk) => this.get(`/api/v2/users/show_many.json?ids=${chunk.join(',')}`, showManyUsersResponse, priority, signal)));
    return pages.flatMap((body) => body.users.map(toRemotePerson));
  }

  private async pullTicketEvents(cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    const startTime = cursor ?? '0';
    const url = `/api/v2/incremental/ticket_events.json?start_time=${encodeURIComponent(startTime)}&include=comment_events&per_page=${this.pageSize}`;
    const body = await this.get(url, ticketEventsResponse, 'background', signal);
    const messages: RemoteMessage[] = [];
    const statusChanges: RemoteStatusChange[] = [];
    for (const event of body.ticket_events) {
      for (const child of event.child_events ?? []) {
        // Status changes (and a ticket's first status) give the SLA clocks their pauses (docs/sla.md).
        if ((child.event_type === 'Change' || child.event_type === 'Create') && child.field_name === 'status') {
          const status = statusSchema.safeParse(child.value);
          if (status.success) statusChanges.push({ caseRemoteId: String(event.ticket_id), status: status.data, at: event.timestamp * 1000 });
          continue;
        }
        if (child.event_type !== 'Comment') continue;
        const comment = commentSchema.safeParse(child);
        if (!comment.success) throw payloadError(url, `ticket event ${event.id} has a malformed comment`, comment.error);
        messages.push(toRemoteMessage(comment.data, event.ticket_id, event.via));
      }
    }
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

function commentIdOf(audit: ZendeskAudit | null): string | null {
  const comment = audit?.events?.find((e) => e.type === 'Comment' || e.type === 'VoiceComment');
  return comment?.id === undefined || comment.id === null ? null : String(comment.id);
}

function nextLink(body: { meta: { has_more: boolean }; links?: { next?: string | null | undefined } | null | undefined }): { cursor: string | null; caughtUp: boolean } {
  const next = body.meta.has_more ? (body.links?.next ?? null) : null;
  return { cursor: next, caughtUp: next === null };
}

function payloadError(url: string, what: string, error: z.ZodError): PayloadError {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  const path = /^https?:/.test(url) ? new URL(url).pathname : url.split('?')[0];
  return new PayloadError(`The helpdesk sent an unexpected payload from ${path} (${what}): ${issues}`, url);
}
