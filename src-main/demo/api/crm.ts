// GET /crm/v1/orders?email=X: a CRM-style context provider, not a Zendesk API. In production
// a pluggable context provider plays this part. Newest first, at most five orders.
import { badRequest, ok, type ApiResponse, type RequestContext } from '../http/types';

export function listOrders(ctx: RequestContext): ApiResponse {
  const email = ctx.query.get('email');
  if (!email) throw badRequest('email is required');
  return ok({ orders: ctx.store.ordersForEmail(email) });
}
