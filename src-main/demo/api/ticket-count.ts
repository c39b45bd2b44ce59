// GET /api/v2/tickets/count: Zendesk's (approximate for large accounts) ticket count; here exact,
// deleted tickets left out.
import { isoFromUnix } from '../util/time';
import { ok, type ApiResponse, type RequestContext } from '../http/types';

export function countTickets(ctx: RequestContext): ApiResponse {
  return ok({ count: { value: ctx.store.activeTicketCount, refreshed_at: isoFromUnix(ctx.store.clock.nowSec()) } });
}
