// GET /api/v2/tickets/{id}/audits: every audit of a ticket, oldest first: generated history,
// live traffic, teammate updates and client writes (with their metadata.custom). Cursor
// pagination with page[size] (<= 100), offset pagination (page, per_page <= 100) otherwise.
// Audits are append-only, so a cursor is simply a position in the ticket's list.
import { encodeCursor } from '../util/cursor-codec';
import { buildUrl, cursorParam, intParam } from '../http/query';
import { badRequest, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';
import { toAudit } from './audit-format';

export function listTicketAudits(ctx: RequestContext): ApiResponse {
  const { store, query } = ctx;
  const ticketId = Number(ctx.params[0]);
  if (!store.ticket(ticketId)) throw notFound();
  const total = store.auditCountFor(ticketId);
  const path = `/api/v2/tickets/${ticketId}/audits.json`;

  if (query.has('page[size]') || query.has('page[after]') || query.has('page[before]')) {
    const size = intParam(query, 'page[size]', { fallback: 100, min: 1, max: 100 });
    const kind = `audits-${ticketId}`;
    const after = cursorParam(query, 'page[after]', kind);
    const before = cursorParam(query, 'page[before]', kind);
    if (after !== null && before !== null) throw badRequest('page[after] and page[before] cannot be used together', 'InvalidPaginationParameter');
    // A cursor names the position just past (after) or at (before) the page boundary.
    const start = after !== null ? Math.min(after, total) : before !== null ? Math.max(0, Math.min(before, total) - size) : 0;
    const end = before !== null ? Math.min(before, total) : Math.min(start + size, total);
    const audits = store.auditsFor(ticketId, start, end).map(toAudit);
    const hasMore = end < total;
    const afterCursor = audits.length > 0 ? encodeCursor(kind, end) : null;
    const beforeCursor = audits.length > 0 ? encodeCursor(kind, start) : null;
    return ok({
      audits,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore && afterCursor ? buildUrl(ctx.baseUrl, path, { 'page[size]': size, 'page[after]': afterCursor }) : null,
        prev: start > 0 && beforeCursor ? buildUrl(ctx.baseUrl, path, { 'page[size]': size, 'page[before]': beforeCursor }) : null,
      },
    });
  }
  const perPage = intParam(query, 'per_page', { fallback: 100, min: 1, max: 100 });
  const page = intParam(query, 'page', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  const from = (page - 1) * perPage;
  return ok({
    audits: store.auditsFor(ticketId, from, from + perPage).map(toAudit),
    next_page: from + perPage < total ? buildUrl(ctx.baseUrl, path, { page: page + 1, per_page: perPage }) : null,
    previous_page: page > 1 ? buildUrl(ctx.baseUrl, path, { page: page - 1, per_page: perPage }) : null,
    count: total,
  });
}
