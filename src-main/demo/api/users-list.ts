// GET /api/v2/users: users filtered by role (role=agent or role[]=agent&role[]=admin), with
// cursor pagination when page[size] is sent and offset pagination otherwise.
import type { DemoUser, UserRole } from '../dataset/types';
import { encodeCursor } from '../util/cursor-codec';
import { cursorParam, intParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';

const PATH = '/api/v2/users.json';
const ROLES: readonly UserRole[] = ['end-user', 'agent', 'admin'];

function rolesOf(query: URLSearchParams): UserRole[] | null {
  const requested = [...query.getAll('role'), ...query.getAll('role[]')];
  if (requested.length === 0) return null;
  for (const role of requested) if (!ROLES.includes(role as UserRole)) throw badRequest(`unknown role "${role}"`);
  return requested as UserRole[];
}

export function listUsers(ctx: RequestContext): ApiResponse {
  const { query } = ctx;
  const roles = rolesOf(query);
  // Agents come first and are few, so role-filtered listings stay cheap.
  const all: DemoUser[] = roles !== null && !roles.includes('end-user') ? ctx.store.agents() : ctx.store.users();
  const users = roles === null ? all : all.filter((u) => roles.includes(u.role));
  const filters = (search: URLSearchParams): void => {
    for (const role of roles ?? []) search.append('role[]', role);
  };

  if (query.has('page[size]') || query.has('page[after]')) {
    const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
    const start = cursorParam(query, 'page[after]', 'users-list') ?? 0;
    const page = users.slice(start, start + size);
    const end = start + page.length;
    const hasMore = end < users.length;
    const after = page.length > 0 ? encodeCursor('users-list', end) : null;
    const next = new URLSearchParams();
    filters(next);
    next.set('page[size]', String(size));
    if (after) next.set('page[after]', after);
    return ok({
      users: page,
      meta: { has_more: hasMore, after_cursor: after, before_cursor: page.length > 0 ? encodeCursor('users-list', start) : null },
      links: { next: hasMore ? `${ctx.baseUrl}${PATH}?${next.toString()}` : null, prev: null },
    });
  }
  const perPage = intParam(query, 'per_page', { fallback: 100, min: 1, max: 100 });
  const pageNumber = intParam(query, 'page', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  const offsetUrl = (n: number): string => {
    const search = new URLSearchParams();
    filters(search);
    search.set('page', String(n));
    search.set('per_page', String(perPage));
    return `${ctx.baseUrl}${PATH}?${search.toString()}`;
  };
  return ok({
    users: users.slice((pageNumber - 1) * perPage, pageNumber * perPage),
    next_page: pageNumber * perPage < users.length ? offsetUrl(pageNumber + 1) : null,
    previous_page: pageNumber > 1 ? offsetUrl(pageNumber - 1) : null,
    count: users.length,
  });
}
