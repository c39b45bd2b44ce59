// PUT /api/v2/tickets/{id}: Update Ticket. Checks run in this order: unknown ticket (404), body
// shape and types (400), safe update with a stale updated_stamp (409), values (422). A
// successful change is one audit through the store, exactly like live traffic, so incremental
// exports and ticket_events carry it; the response is Zendesk's {ticket, audit}.
import { apiVia } from '../dataset/via';
import { UpdateRejected } from '../store/update-rejected';
import { parseUpdateBody } from '../store/update-request';
import { resolveUpdate } from '../store/update-validation';
import { changesAnything } from '../store/ticket-changes';
import { unixFromIso } from '../util/time';
import { UPDATE_CONFLICT_BODY } from '../http/send';
import { HttpError, notFound, ok, type ApiResponse, type RequestContext } from '../http/types';
import { toAudit } from './audit-format';

export function updateTicket(ctx: RequestContext): ApiResponse {
  const { store, user } = ctx;
  const ticketId = Number(ctx.params[0]);
  const ticket = store.ticket(ticketId);
  if (!ticket) throw notFound();
  try {
    const request = parseUpdateBody(ctx.body);
    // Zendesk: safe only when safe_update is set and an updated_stamp is included.
    if (request.safeUpdate && request.updatedStamp !== null && request.updatedStamp !== unixFromIso(ticket.updated_at)) {
      ctx.stats.updateConflict();
      return { status: 409, body: UPDATE_CONFLICT_BODY };
    }
    const via = apiVia();
    const { changes, comment } = resolveUpdate(store, ticket, request, { userId: user.id, via });
    // Nothing to record: Zendesk-like 200 with the unchanged ticket, no audit written.
    if (!comment && !changesAnything(ticket, changes)) return ok({ ticket });
    const system: Record<string, unknown> = {};
    if (ctx.client.userAgent !== null) system.client = ctx.client.userAgent;
    if (ctx.client.ipAddress !== null) system.ip_address = ctx.client.ipAddress;
    const result = store.updateTicket(ticketId, changes, {
      updaterId: user.id,
      via,
      ...(comment ? { comment } : {}),
      ...(request.metadataCustom ? { metadataCustom: request.metadataCustom } : {}),
      metadataSystem: system,
    });
    ctx.stats.updateApplied();
    return ok({ ticket: result.ticket, audit: toAudit(result.audit) });
  } catch (error) {
    if (error instanceof UpdateRejected) throw new HttpError(error.status, error.body);
    throw error;
  }
}
