// Shared macros: GET /api/v2/macros/active, GET /api/v2/macros (optional `active` filter) and
// GET /api/v2/macros/{id}. Lists sort like Zendesk (`sort_by` alphabetical by default, or
// position, created_at, updated_at; `sort_order` asc/desc) and page with cursors when page[size]
// (<= 100) or a cursor is sent, else with offsets (page, per_page <= 100).
import type { DemoMacro } from '../dataset/types';
import { buildUrl, cursorParam, intParam } from '../http/query';
import { badRequest, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';
import { encodeCursor } from '../util/cursor-codec';

const SORTS = ['alphabetical', 'position', 'created_at', 'updated_at'] as const;
type SortBy = (typeof SORTS)[number];

function sortOf(query: URLSearchParams): { sortBy: SortBy; order: 'asc' | 'desc' } {
  const rawSort = query.get('sort_by') ?? 'alphabetical';
  if (!(SORTS as readonly string[]).includes(rawSort)) throw badRequest(`sort_by must be one of ${SORTS.join(', ')}`);
  const sortBy = rawSort as SortBy;
  // Zendesk: ascending for alphabetical and position, newest first for the dates.
  const rawOrder = query.get('sort_order') ?? (sortBy === 'alphabetical' || sortBy === 'position' ? 'asc' : 'desc');
  if (rawOrder !== 'asc' && rawOrder !== 'desc') throw badRequest('sort_order must be asc or desc');
  return { sortBy, order: rawOrder };
}

/** Case-insensitive by code point, so the order does not depend on the host's locale data. */
function compareTitles(a: DemoMacro, b: DemoMacro): number {
  const x = a.title.toLowerCase();
  const y = b.title.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortMacros(macros: DemoMacro[], sortBy: SortBy, order: 'asc' | 'desc'): DemoMacro[] {
  const sign = order === 'asc' ? 1 : -1;
  const byKey = (a: DemoMacro, b: DemoMacro): number => {
    switch (sortBy) {
      case 'alphabetical':
        return compareTitles(a, b);
      case 'position':
        return a.position - b.position;
      case 'created_at':
        return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0;
      case 'updated_at':
        return a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : 0;
    }
  };
  return macros.sort((a, b) => sign * byKey(a, b) || a.position - b.position);
}

function activeFilter(query: URLSearchParams): boolean | null {
  const raw = query.get('active');
  if (raw === null || raw === '') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest('active must be true or false');
}

function listPage(ctx: RequestContext, macros: DemoMacro[], path: string, scope: string, filters: Record<string, string | null>): ApiResponse {
  const { query } = ctx;
  const { sortBy, order } = sortOf(query);
  const all = sortMacros(macros, sortBy, order);
  const common = { ...filters, sort_by: query.get('sort_by'), sort_order: query.get('sort_order') };

  if (query.has('page[size]') || query.has('page[after]') || query.has('page[before]')) {
    // A cursor is an offset into this listing, tagged with its filter and sort.
    const kind = `macros-${scope}-${sortBy}-${order}`;
    const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
    const after = cursorParam(query, 'page[after]', kind);
    const before = cursorParam(query, 'page[before]', kind);
    let start = after ?? 0;
    let end = Math.min(start + size, all.length);
    if (after === null && before !== null) {
      end = Math.min(before, all.length);
      start = Math.max(0, end - size);
    }
    const page = all.slice(start, end);
    const hasMore = end < all.length;
    const afterCursor = page.length > 0 ? encodeCursor(kind, end) : null;
    const beforeCursor = page.length > 0 ? encodeCursor(kind, start) : null;
    const pageSize = query.get('page[size]');
    return ok({
      macros: page,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore && afterCursor ? buildUrl(ctx.baseUrl, path, { ...common, 'page[size]': pageSize, 'page[after]': afterCursor }) : null,
        prev: start > 0 && beforeCursor ? buildUrl(ctx.baseUrl, path, { ...common, 'page[size]': pageSize, 'page[before]': beforeCursor }) : null,
      },
    });
  }
  const perPage = intParam(query, 'per_page', { fallback: 100, min: 1, max: 100 });
  const pageNumber = intParam(query, 'page', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  return ok({
    macros: all.slice((pageNumber - 1) * perPage, pageNumber * perPage),
    next_page: pageNumber * perPage < all.length ? buildUrl(ctx.baseUrl, path, { ...common, page: pageNumber + 1, per_page: perPage }) : null,
    previous_page: pageNumber > 1 ? buildUrl(ctx.baseUrl, path, { ...common, page: pageNumber - 1, per_page: perPage }) : null,
    count: all.length,
  });
}

/** GET /api/v2/macros/active: the active shared macros. */
export function listActiveMacros(ctx: RequestContext): ApiResponse {
  return listPage(
    ctx,
    ctx.store.macros().filter((m) => m.active),
    '/api/v2/macros/active.json',
    'active',
    {},
  );
}

/** GET /api/v2/macros: all macros, or only active / inactive ones with `active=true|false`. */
export function listMacros(ctx: RequestContext): ApiResponse {
  const active = activeFilter(ctx.query);
  const macros = ctx.store.macros().filter((m) => active === null || m.active === active);
  return listPage(ctx, macros, '/api/v2/macros.json', active === null ? 'all' : String(active), { active: active === null ? null : String(active) });
}

/** GET /api/v2/macros/{id}: `{macro}`, inactive ones included. */
export function showMacro(ctx: RequestContext): ApiResponse {
  const id = Number(ctx.params[0]);
  const macro = ctx.store.macros().find((m) => m.id === id);
  if (!macro) throw notFound();
  return ok({ macro });
}
