// Groups (one small page) and organizations (cursor pagination with page[size], else offset).
import { encodeCursor } from '../util/cursor-codec';
import { buildUrl, cursorParam, intParam } from '../http/query';
import { ok, type ApiResponse, type RequestContext } from '../http/types';

export function listGroups(ctx: RequestContext): ApiResponse {
  const groups = ctx.store.groups();
  return ok({ groups, next_page: null, previous_page: null, count: groups.length });
}

const ORGS_PATH = '/api/v2/organizations.json';

export function listOrganizations(ctx: RequestContext): ApiResponse {
  const { query } = ctx;
  const all = ctx.store.organizations();
  if (query.has('page[size]') || query.has('page[after]')) {
    const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
    const start = cursorParam(query, 'page[after]', 'organizations') ?? 0;
    const organizations = all.slice(start, start + size);
    const end = start + organizations.length;
    const hasMore = end < all.length;
    const after = organizations.length > 0 ? encodeCursor('organizations', end) : null;
    const before = organizations.length > 0 ? encodeCursor('organizations', start) : null;
    return ok({
      organizations,
      meta: { has_more: hasMore, after_cursor: after, before_cursor: before },
      links: { next: hasMore && after ? buildUrl(ctx.baseUrl, ORGS_PATH, { 'page[size]': size, 'page[after]': after }) : null, prev: null },
    });
  }
  // Offset pagination, Zendesk's default when no page[size] is sent.
  const perPage = intParam(query, 'per_page', { fallback: 100, min: 1, max: 100 });
  const page = intParam(query, 'page', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  const organizations = all.slice((page - 1) * perPage, page * perPage);
  const hasNext = page * perPage < all.length;
  return ok({
    organizations,
    next_page: hasNext ? buildUrl(ctx.baseUrl, ORGS_PATH, { page: page + 1, per_page: perPage }) : null,
    previous_page: page > 1 ? buildUrl(ctx.baseUrl, ORGS_PATH, { page: page - 1, per_page: perPage }) : null,
    count: all.length,
  });
}
