// Groups and organizations: cursor pagination with page[size] (<= 100), else offset (page,
// per_page <= 100). Groups include deleted ones (`deleted: true`) unless exclude_deleted=true.
import { encodeCursor } from '../util/cursor-codec';
import { booleanParam, buildUrl, cursorParam, intParam, unixParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';
import { unixFromIso } from '../util/time';

const GROUPS_PATH = '/api/v2/groups.json';

export function listGroups(ctx: RequestContext): ApiResponse {
  const { query } = ctx;
  const excludeDeleted = booleanParam(query, 'exclude_deleted');
  const all = [...ctx.store.groups(), ...(excludeDeleted ? [] : ctx.store.deletedGroups())].sort((a, b) => a.id - b.id);
  const filters = { exclude_deleted: query.get('exclude_deleted') };
  if (query.has('page[size]') || query.has('page[after]') || query.has('page[before]')) {
    const kind = `groups-${excludeDeleted ? 'active' : 'all'}`;
    const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
    const after = cursorParam(query, 'page[after]', kind);
    const before = cursorParam(query, 'page[before]', kind);
    if (after !== null && before !== null) throw badRequest('page[after] and page[before] cannot be used together', 'InvalidPaginationParameter');
    const start = after !== null ? Math.min(after, all.length) : before !== null ? Math.max(0, Math.min(before, all.length) - size) : 0;
    const end = before !== null ? Math.min(before, all.length) : Math.min(start + size, all.length);
    const groups = all.slice(start, end);
    const hasMore = end < all.length;
    const afterCursor = groups.length > 0 ? encodeCursor(kind, end) : null;
    const beforeCursor = groups.length > 0 ? encodeCursor(kind, start) : null;
    return ok({
      groups,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore && afterCursor ? buildUrl(ctx.baseUrl, GROUPS_PATH, { ...filters, 'page[size]': size, 'page[after]': afterCursor }) : null,
        prev: start > 0 && beforeCursor ? buildUrl(ctx.baseUrl, GROUPS_PATH, { ...filters, 'page[size]': size, 'page[before]': beforeCursor }) : null,
      },
    });
  }
  const perPage = intParam(query, 'per_page', { fallback: 100, min: 1, max: 100 });
  const page = intParam(query, 'page', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  return ok({
    groups: all.slice((page - 1) * perPage, page * perPage),
    next_page: page * perPage < all.length ? buildUrl(ctx.baseUrl, GROUPS_PATH, { ...filters, page: page + 1, per_page: perPage }) : null,
    previous_page: page > 1 ? buildUrl(ctx.baseUrl, GROUPS_PATH, { ...filters, page: page - 1, per_page: perPage }) : null,
    count: all.length,
  });
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

const ORGS_EXPORT_PATH = '/api/v2/incremental/organizations.json';

/**
 * GET /api/v2/incremental/organizations?start_time=T (time-based only, like Zendesk): organizations
 * by (updated_at, id) from start_time on, `per_page` (<= 1000) of them plus every one sharing the
 * last second, `{organizations, count, end_of_stream, end_time, next_page}`. Shares the
 * incremental-exports rate limit and the export lag.
 */
export function incrementalOrganizations(ctx: RequestContext): ApiResponse {
  const { query, store } = ctx;
  const startTime = unixParam(query, 'start_time');
  if (startTime === null) throw badRequest('start_time is required');
  const perPage = intParam(query, 'per_page', { fallback: 1000, min: 1, max: 1000 });
  const cutoff = store.exportCutoffSec();
  const all = store
    .organizations()
    .map((o) => ({ o, t: unixFromIso(o.updated_at) }))
    .filter((x) => x.t >= startTime && x.t <= cutoff)
    .sort((a, b) => a.t - b.t || a.o.id - b.o.id);
  let to = Math.min(perPage, all.length);
  const lastTime = to > 0 ? (all[to - 1]?.t as number) : startTime;
  while (to < all.length && all[to]?.t === lastTime) to++;
  const endOfStream = to >= all.length;
  const endTime = to > 0 && lastTime === startTime && !endOfStream ? lastTime + 1 : lastTime;
  const organizations = all.slice(0, to).map((x) => x.o);
  return ok({
    organizations,
    count: organizations.length,
    end_of_stream: endOfStream,
    end_time: endTime,
    next_page: buildUrl(ctx.baseUrl, ORGS_EXPORT_PATH, { start_time: endTime, per_page: query.get('per_page') }),
  });
}
