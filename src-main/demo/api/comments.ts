// GET /api/v2/tickets/{id}/comments with cursor pagination (page[size] <= 100), oldest first
// unless sort=-created_at.
import { encodeCursor } from '../util/cursor-codec';
import { buildUrl, cursorParam, intParam } from '../http/query';
import { badRequest, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

export function listComments(ctx: RequestContext): ApiResponse {
  const { store, query } = ctx;
  const ticketId = Number(ctx.params[0]);
  if (!store.ticket(ticketId)) throw notFound();
  const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
  const sort = query.get('sort') ?? 'created_at';
  if (sort !== 'created_at' && sort !== '-created_at') throw badRequest('sort must be created_at or -created_at');
  const all = store.commentsFor(ticketId);
  if (sort === '-created_at') all.reverse();

  const kind = `comments-${ticketId}`;
  const after = cursorParam(query, 'page[after]', kind);
  const before = cursorParam(query, 'page[before]', kind);
  let start = 0;
  let end = Math.min(size, all.length);
  if (after !== null) {
    const at = all.findIndex((c) => c.id === after);
    if (at < 0) throw badRequest('page[after] is not a valid cursor', 'InvalidPaginationParameter');
    start = at + 1;
    end = Math.min(start + size, all.length);
  } else if (before !== null) {
    const at = all.findIndex((c) => c.id === before);
    if (at < 0) throw badRequest('page[before] is not a valid cursor', 'InvalidPaginationParameter');
    end = at;
    start = Math.max(0, end - size);
  }
  const comments = all.slice(start, end);
  const first = comments[0];
  const last = comments[comments.length - 1];
  const hasMore = end < all.length;
  const afterCursor = last ? encodeCursor(kind, last.id) : null;
  const beforeCursor = first ? encodeCursor(kind, first.id) : null;
  const path = `/api/v2/tickets/${ticketId}/comments.json`;
  const common = { 'page[size]': query.get('page[size]'), sort: query.get('sort') };
  return ok({
    comments,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: {
      next: hasMore && afterCursor ? buildUrl(ctx.baseUrl, path, { ...common, 'page[after]': afterCursor }) : null,
      prev: start > 0 && beforeCursor ? buildUrl(ctx.baseUrl, path, { ...common, 'page[before]': beforeCursor }) : null,
    },
  });
}
