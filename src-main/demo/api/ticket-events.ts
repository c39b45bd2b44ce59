// GET /api/v2/incremental/ticket_events (time-based): audits with their child events; with
// include=comment_events the comments come with bodies. Events within the export lag (one minute
// by default) wait for a later request.
import { buildUrl, includes, intParam, unixParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';

const PATH = '/api/v2/incremental/ticket_events.json';

export function incrementalTicketEvents(ctx: RequestContext): ApiResponse {
  const { query } = ctx;
  const startTime = unixParam(query, 'start_time');
  if (startTime === null) throw badRequest('start_time is required');
  const perPage = intParam(query, 'per_page', { fallback: 1000, min: 1, max: 1000 });
  const page = ctx.store.ticketEventsPage(startTime, perPage, includes(query, 'comment_events'), ctx.store.exportCutoffSec());
  return ok({
    ticket_events: page.events,
    next_page: buildUrl(ctx.baseUrl, PATH, { start_time: page.endTime, include: query.get('include'), per_page: query.get('per_page') }),
    previous_page: null,
    count: page.events.length,
    end_time: page.endTime,
    end_of_stream: page.endOfStream,
  });
}
