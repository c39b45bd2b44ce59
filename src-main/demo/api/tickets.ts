// GET /api/v2/tickets/{id}: one ticket (what a client fetches when a case is opened early), and
// GET /api/v2/tickets/show_many?ids=1,2 (at most 100 ids; unknown and deleted ones left out).
// Deleted tickets answer 404 RecordNotFound like unknown ones.
import type { DemoTicket } from '../dataset/types';
import { badRequest, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

export function showTicket(ctx: RequestContext): ApiResponse {
  const ticket = ctx.store.ticket(Number(ctx.params[0]));
  if (!ticket) throw notFound();
  return ok({ ticket });
}

export const SHOW_MANY_TICKETS_LIMIT = 100;

export function showManyTickets(ctx: RequestContext): ApiResponse {
  const raw = ctx.query.get('ids');
  if (!raw) throw badRequest('ids is required');
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length > SHOW_MANY_TICKETS_LIMIT) throw badRequest(`at most ${SHOW_MANY_TICKETS_LIMIT} ids`);
  if (!ids.every((s) => /^\d+$/.test(s))) throw badRequest('ids must be numbers');
  const tickets = ids.map((s) => ctx.store.ticket(Number(s))).filter((t): t is DemoTicket => t !== undefined);
  return ok({ tickets });
}
