// The test hook "a teammate changes this ticket right now": one audit by another agent through
// the store, exactly like live traffic, so a client's updated_stamp for the ticket goes stale.
// Input uses Zendesk's ticket property names and the same validation as PUT; a `comment` string
// is an internal note. It always writes an audit: when nothing else would change, it leaves a
// default internal note, so the stamp is stale even after a no-op request.
import { plainToHtml } from '../dataset/comment-html';
import type { DemoTicket, TicketPriority, TicketStatus, TicketType, Via } from '../dataset/types';
import { agentVia } from '../dataset/via';
import { UnknownTicketError, type CommentInput, type HelpdeskStore } from '../store/helpdesk-store';
import { changesAnything } from '../store/ticket-changes';
import { parseTicketObject } from '../store/update-request';
import { resolveUpdate } from '../store/update-validation';

export interface TeammateUpdate {
  status?: TicketStatus;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  assignee_id?: number | null;
  group_id?: number | null;
  /** Replaces the tag list. */
  tags?: string[];
  additional_tags?: string[];
  remove_tags?: string[];
  /** A string is an internal note; the object form follows PUT's `comment` (public by default). */
  comment?: string | { body?: string; html_body?: string; public?: boolean };
  /** The teammate (an agent). Default: the ticket's assignee unless that is "me", else the first other agent. */
  author_id?: number;
}

export interface TeammateUpdateResult {
  /** The ticket after the change (its new updated_at is the fresh safe_update stamp). */
  ticket: DemoTicket;
  auditId: number;
  commentId: number | null;
  authorId: number;
}

export { UnknownTicketError };

function pickTeammate(store: HelpdeskStore, ticket: DemoTicket, requested: number | undefined): number {
  const meId = store.meAgent.id;
  if (requested !== undefined) {
    const agent = store.user(requested);
    if (!agent || agent.role === 'end-user') throw new Error(`author_id ${requested} is not an agent`);
    return requested;
  }
  if (ticket.assignee_id !== null && ticket.assignee_id !== meId) return ticket.assignee_id;
  const other = store.agents().find((a) => a.id !== meId && a.active && !a.suspended);
  if (!other) throw new Error('the dataset has no teammate');
  return other.id;
}

export function applyTeammateUpdate(store: HelpdeskStore, ticketId: number, input: TeammateUpdate = {}): TeammateUpdateResult {
  const ticket = store.ticket(ticketId);
  if (!ticket) throw new UnknownTicketError(`no ticket ${ticketId}`);
  const authorId = pickTeammate(store, ticket, input.author_id);
  const { comment, author_id: _author, ...fields } = input;
  const commentObject = typeof comment === 'string' ? { body: comment, public: false } : comment;
  const request = parseTicketObject({ ...fields, ...(commentObject ? { comment: commentObject } : {}) });
  const via = agentVia();
  const resolved = resolveUpdate(store, ticket, request, { userId: authorId, via });
  const note = resolved.comment ?? (changesAnything(ticket, resolved.changes) ? null : defaultNote(store, authorId, via));
  const result = store.updateTicket(ticketId, resolved.changes, { updaterId: authorId, via, ...(note ? { comment: note } : {}) });
  return { ticket: result.ticket, auditId: result.audit.id, commentId: result.comment?.id ?? null, authorId };
}

function defaultNote(store: HelpdeskStore, authorId: number, via: Via): CommentInput {
  const body = `${store.user(authorId)?.name ?? 'A teammate'} looked into this ticket.`;
  return { body, htmlBody: plainToHtml([body]), public: false, authorId, via };
}
