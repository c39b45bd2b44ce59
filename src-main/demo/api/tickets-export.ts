// GET /api/v2/incremental/tickets/cursor: tickets by (generated_timestamp, id), each at its
// latest change. The after_cursor of the last page stays valid for polling later changes.
// Deleted tickets are in the stream with status "deleted" unless exclude_deleted=true. Changes
// within the export lag (one minute by default) wait for a later request.
import type { ExportedTicket } from '../dataset/deleted-tickets';
import type { DemoUser } from '../dataset/types';
import { encodeCursor } from '../util/cursor-codec';
import { booleanParam, buildUrl, cursorParam, includes, intParam, unixParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';

const PATH = '/api/v2/incremental/tickets/cursor.json';

export function incrementalTickets(ctx: RequestContext): ApiResponse {
  const { store, query } = ctx;
  const perPage = intParam(query, 'per_page', { fallback: 1000, min: 1, max: 1000 });
  const log = store.ticketLog;
  let from = cursorParam(query, 'cursor', 'tickets');
  if (from === null) {
    const startTime = unixParam(query, 'start_time');
    if (startTime === null) throw badRequest('start_time or cursor is required');
    from = log.firstAtOrAfter(startTime);
  }
  const excludeDeleted = booleanParam(query, 'exclude_deleted');
  const page = log.page(from, perPage, excludeDeleted ? (id) => store.deletionTime(id) === undefined : undefined, store.exportCutoffSec());
  const tickets = page.ids.map((id) => store.exportTicket(id)).filter((t): t is ExportedTicket => t !== undefined);
  const after = encodeCursor('tickets', page.next, page.next > 0 ? log.timeAt(page.next - 1) : 0);
  const before = from > 0 ? encodeCursor('tickets', from, log.timeAt(from - 1)) : null;
  const extra = { per_page: query.get('per_page'), include: query.get('include'), exclude_deleted: query.get('exclude_deleted') };
  const body: Record<string, unknown> = {
    tickets,
    after_cursor: after,
    after_url: buildUrl(ctx.baseUrl, PATH, { cursor: after, ...extra }),
    before_cursor: before,
    before_url: before ? buildUrl(ctx.baseUrl, PATH, { cursor: before, ...extra }) : null,
    end_of_stream: page.endOfStream,
  };
  if (includes(query, 'users')) body.users = sideloadUsers(ctx, tickets);
  return ok(body);
}

/** Requesters, submitters and assignees of the page, each once. */
function sideloadUsers(ctx: RequestContext, tickets: readonly ExportedTicket[]): DemoUser[] {
  const ids = new Set<number>();
  for (const t of tickets) {
    ids.add(t.requester_id);
    ids.add(t.submitter_id);
    if (t.assignee_id !== null) ids.add(t.assignee_id);
  }
  return [...ids].map((id) => ctx.store.user(id)).filter((u): u is DemoUser => u !== undefined);
}
