// GET /api/v2/tickets/{id}: one ticket (what a client fetches when a case is opened early), and
// GET /api/v2/tickets/show_many?ids=1,2 (at most 100 ids; unknown and deleted ones left out).
// Deleted tickets answer 404 RecordNotFound like unknown ones.
import type { DemoTicket } from '../dataset/types';
import { showManyIds } from '../http/query';
import { notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

export function showTicket(ctx: RequestContext): ApiResponse {
  const ticket = ctx.store.ticket(Number(ctx.params[0]));
  if (!ticket) throw notFound();
  return ok({ ticket });
}

export function showManyTickets(ctx: RequestContext): ApiResponse {
  const tickets = showManyIds(ctx.query).map((id) => ctx.store.ticket(id)).filter((x): x is DemoTicket => x !== undefined);
  return ok({ tickets });
}
