// The Zendesk API subset (plus the CRM endpoint) the demo serves. Paths are matched without
// the optional ".json" suffix; the same path may serve several methods (GET/PUT a ticket).
import { listComments } from '../api/comments';
import { listOrders } from '../api/crm';
import { incrementalOrganizations, listGroups, listOrganizations } from '../api/groups-organizations';
import { listActiveMacros, listMacros, showMacro } from '../api/macros';
import { searchExport } from '../api/search-export';
import { listSchedules, listSlaPolicies, showSlaPolicy } from '../api/sla-policies';
import { incrementalTicketEvents } from '../api/ticket-events';
import { incrementalTicketMetricEvents } from '../api/ticket-metric-events';
import { listTicketAudits } from '../api/ticket-audits';
import { updateTicket } from '../api/ticket-update';
import { showManyTickets, showTicket } from '../api/tickets';
import { incrementalTickets } from '../api/tickets-export';
import { countTickets } from '../api/ticket-count';
import { listUsers } from '../api/users-list';
import { incrementalUsers, showManyUsers, showMe, showUser } from '../api/users';
import type { RateBucket } from './rate-limiter';
import type { Handler } from './types';

export interface Route {
  /** Stable name used in stats. */
  name: string;
  method: 'GET' | 'PUT';
  pattern: RegExp;
  handler: Handler;
  /** Endpoint rate-limit bucket (all incremental exports share one). */
  bucket: RateBucket | null;
  /** Whether the request counts against the Zendesk account limit (the CRM does not). */
  zendesk: boolean;
  /**
   * Who may call it: `agents` (any agent), `admins` (Zendesk: "Allowed For: Admins"; the "me"
   * agent and the team may, standing for an admin-created token, the restricted agent may not),
   * `unrestricted` (agents whose custom role does not limit them to their own organization).
   */
  access: RouteAccess;
}

export type RouteAccess = 'agents' | 'admins' | 'unrestricted';

const route = (name: string, pattern: RegExp, handler: Handler, bucket: RateBucket | null = null, zendesk = true, access: RouteAccess = 'agents'): Route => ({
  name,
  method: 'GET',
  pattern,
  handler,
  bucket,
  zendesk,
  access,
});

/** An endpoint Zendesk documents as "Allowed For: Admins". */
const admins = (r: Route): Route => ({ ...r, access: 'admins' });
/** An endpoint a custom role limited to its own organization may not list. */
const unrestricted = (r: Route): Route => ({ ...r, access: 'unrestricted' });

const put = (name: string, pattern: RegExp, handler: Handler, bucket: RateBucket | null = null): Route => ({ ...route(name, pattern, handler, bucket), method: 'PUT' });

export const ROUTES: readonly Route[] = [
  route('users/me', /^\/api\/v2\/users\/me$/, showMe),
  route('users/show_many', /^\/api\/v2\/users\/show_many$/, showManyUsers),
  route('users/show', /^\/api\/v2\/users\/(\d+)$/, showUser),
  unrestricted(route('users/list', /^\/api\/v2\/users$/, listUsers)),
  route('tickets/count', /^\/api\/v2\/tickets\/count$/, countTickets),
  admins(route('incremental/tickets/cursor', /^\/api\/v2\/incremental\/tickets\/cursor$/, incrementalTickets, 'incremental-exports')),
  admins(route('incremental/users/cursor', /^\/api\/v2\/incremental\/users\/cursor$/, incrementalUsers, 'incremental-exports')),
  admins(route('incremental/organizations', /^\/api\/v2\/incremental\/organizations$/, incrementalOrganizations, 'incremental-exports')),
  admins(route('incremental/ticket_events', /^\/api\/v2\/incremental\/ticket_events$/, incrementalTicketEvents, 'incremental-exports')),
  admins(route('incremental/ticket_metric_events', /^\/api\/v2\/incremental\/ticket_metric_events$/, incrementalTicketMetricEvents, 'incremental-exports')),
  route('tickets/show_many', /^\/api\/v2\/tickets\/show_many$/, showManyTickets),
  route('tickets/show', /^\/api\/v2\/tickets\/(\d+)$/, showTicket),
  put('tickets/update', /^\/api\/v2\/tickets\/(\d+)$/, updateTicket, 'tickets-update'),
  route('tickets/comments', /^\/api\/v2\/tickets\/(\d+)\/comments$/, listComments),
  route('tickets/audits', /^\/api\/v2\/tickets\/(\d+)\/audits$/, listTicketAudits),
  route('groups', /^\/api\/v2\/groups$/, listGroups),
  unrestricted(route('organizations', /^\/api\/v2\/organizations$/, listOrganizations)),
  route('macros/active', /^\/api\/v2\/macros\/active$/, listActiveMacros),
  route('macros/list', /^\/api\/v2\/macros$/, listMacros),
  route('macros/show', /^\/api\/v2\/macros\/(\d+)$/, showMacro),
  admins(route('slas/policies', /^\/api\/v2\/slas\/policies$/, listSlaPolicies)),
  admins(route('slas/policies/show', /^\/api\/v2\/slas\/policies\/(\d+)$/, showSlaPolicy)),
  route('business_hours/schedules', /^\/api\/v2\/business_hours\/schedules$/, listSchedules),
  route('search/export', /^\/api\/v2\/search\/export$/, searchExport, 'search-export'),
  route('crm/orders', /^\/crm\/v1\/orders$/, listOrders, null, false),
];

/** Strips the optional ".json" suffix and trailing slashes. */
export function normalizePath(pathname: string): string {
  let path = pathname.replace(/\/+$/, '');
  if (path.endsWith('.json')) path = path.slice(0, -'.json'.length);
  return path === '' ? '/' : path;
}

export type RouteMatch = { route: Route; params: string[] } | { methodNotAllowed: true } | null;

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const r of ROUTES) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    if (r.method === method || (method === 'HEAD' && r.method === 'GET')) return { route: r, params: match.slice(1) };
    pathMatched = true;
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}
