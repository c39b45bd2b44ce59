// GET /api/v2/tickets/count: Zendesk's (approximate for large accounts) ticket count; here exact.
import { isoFromUnix } from '../util/time';
import { ok, type ApiResponse, type RequestContext } from '../http/types';

export function countTickets(ctx: RequestContext): ApiResponse {
  return ok({ count: { value: ctx.store.ticketCount, refreshed_at: isoFromUnix(ctx.store.clock.nowSec()) } });
}
