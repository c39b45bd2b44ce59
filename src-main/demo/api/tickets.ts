// GET /api/v2/tickets/{id}: one ticket (what a client fetches when a case is opened early).
import { notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

export function showTicket(ctx: RequestContext): ApiResponse {
  const ticket = ctx.store.ticket(Number(ctx.params[0]));
  if (!ticket) throw notFound();
  return ok({ ticket });
}
