// GET /api/v2/incremental/ticket_metric_events (time-based; "Allowed For: Admins"): the SLA events
// of store/sla-event-log.ts from `start_time`, in time order, 1000 a page plus every event sharing
// the last second. Zendesk's envelope: `{ticket_metric_events, count, end_time, next_page}`, and,
// as its time-based exports have, `end_of_stream`. Events within the export lag wait.
import { buildUrl, intParam, unixParam } from '../http/query';
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';

const PATH = '/api/v2/incremental/ticket_metric_events.json';

export function incrementalTicketMetricEvents(ctx: RequestContext): ApiResponse {
  const { query } = ctx;
  const startTime = unixParam(query, 'start_time');
  if (startTime === null) throw badRequest('start_time is required');
  const perPage = intParam(query, 'per_page', { fallback: 1000, min: 1, max: 1000 });
  const page = ctx.store.slaEventsPage(startTime, perPage);
  return ok({
    ticket_metric_events: page.events,
    count: page.events.length,
    end_time: page.endTime,
    next_page: buildUrl(ctx.baseUrl, PATH, { start_time: page.endTime, per_page: query.get('per_page') }),
    end_of_stream: page.endOfStream,
  });
}
