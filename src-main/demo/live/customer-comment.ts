// The test hook "the customer writes on this ticket right now": a public comment by the requester,
// through their ticket's channel, exactly like live traffic (one audit; the ticket reopens unless
// it is new, as an end user's follow-up does; a closed ticket refuses it, as Zendesk makes a
// follow-up ticket instead). A client's updated_stamp for the ticket goes stale.
import { plainToHtml } from '../dataset/comment-html';
import { customerVia } from '../dataset/via';
import { UnknownTicketError, type HelpdeskStore } from '../store/helpdesk-store';

export interface CustomerCommentResult {
  ticketId: number;
  auditId: number;
  commentId: number | null;
  authorId: number;
}

export function applyCustomerComment(store: HelpdeskStore, ticketId: number, body: string): CustomerCommentResult {
  const ticket = store.ticket(ticketId);
  if (!ticket) throw new UnknownTicketError(`no ticket ${ticketId}`);
  if (ticket.status === 'closed') throw new Error(`ticket ${ticketId} is closed`);
  const text = body.trim();
  if (text === '') throw new Error('body must be a non-empty string');
  const meta = store.metaOf(ticketId);
  if (!meta) throw new Error(`ticket ${ticketId} has no channel to write through`);
  const via = customerVia(meta);
  const authorId = ticket.requester_id;
  const status = ticket.status === 'new' ? 'new' : 'open';
  const result = store.updateTicket(ticketId, { status }, {
    updaterId: authorId,
    via,
    comment: { body: text, htmlBody: plainToHtml(text.split(/\n{2,}/)), public: true, authorId, via },
  });
  return { ticketId, auditId: result.audit.id, commentId: result.comment?.id ?? null, authorId };
}
