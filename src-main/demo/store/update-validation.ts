// Turns a parsed update into store changes, refusing values Zendesk would refuse with
// 422 RecordInvalid: unknown statuses, priorities or types, assignees that are not agents,
// unknown groups, blank comments, and any update of a closed ticket.
import { plainToHtml } from '../dataset/comment-html';
import { STATUS_ORDER, type DemoTicket, type TicketPriority, type TicketStatus, type TicketType, type Via } from '../dataset/types';
import { htmlToText } from '../util/html-text';
import type { CommentInput, HelpdeskStore } from './helpdesk-store';
import type { TicketChanges } from './ticket-changes';
import { recordInvalid, type ValidationDetails } from './update-rejected';
import type { UpdateRequest } from './update-request';

const PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];
const TYPES: readonly TicketType[] = ['problem', 'incident', 'question', 'task'];
/** Zendesk refuses new comments on a ticket holding this many. */
export const MAX_COMMENTS = 5000;

export interface ResolvedUpdate {
  changes: TicketChanges;
  comment: CommentInput | null;
}

export interface Actor {
  /** Author of the comment unless the request names another. */
  userId: number;
  via: Via;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): value is T {
  return value !== null && (allowed as readonly string[]).includes(value);
}

export function resolveUpdate(store: HelpdeskStore, ticket: DemoTicket, request: UpdateRequest, actor: Actor): ResolvedUpdate {
  const details: ValidationDetails = {};
  const problem = (field: string, description: string): void => {
    (details[field] ??= []).push({ description, error: 'InvalidValue' });
  };
  const changes: TicketChanges = {};

  // Zendesk's answer as observed on the wire: the closed-ticket entry has a description only.
  if (ticket.status === 'closed') (details.status ??= []).push({ description: 'Status: closed prevents ticket update' });
  if (request.status !== undefined) {
    if (oneOf(STATUS_ORDER, request.status)) changes.status = request.status as TicketStatus;
    else problem('status', `Status: "${request.status}" is not one of ${STATUS_ORDER.join(', ')}`);
  }
  if (request.priority !== undefined) {
    if (request.priority === null || oneOf(PRIORITIES, request.priority)) changes.priority = request.priority as TicketPriority | null;
    else problem('priority', `Priority: "${request.priority}" is not one of ${PRIORITIES.join(', ')}`);
  }
  if (request.type !== undefined) {
    if (request.type === null || oneOf(TYPES, request.type)) changes.type = request.type as TicketType | null;
    else problem('type', `Type: "${request.type}" is not one of ${TYPES.join(', ')}`);
  }
  if (request.assignee_id !== undefined) {
    const agent = request.assignee_id === null ? null : store.user(request.assignee_id);
    if (agent === undefined || (agent !== null && (agent.role === 'end-user' || !agent.active || agent.suspended))) {
      problem('assignee_id', `Assignee: ${String(request.assignee_id)} is not an active agent`);
    } else {
      changes.assignee_id = request.assignee_id;
      // Zendesk puts a ticket assigned without a group into the assignee's default group.
      if (agent && request.group_id === undefined && ticket.group_id === null && agent.default_group_id !== null) changes.group_id = agent.default_group_id;
    }
  }
  if (request.group_id !== undefined) {
    if (request.group_id === null || store.groups().some((g) => g.id === request.group_id)) changes.group_id = request.group_id;
    else problem('group_id', `Group: ${request.group_id} does not exist`);
  }
  if (request.tags !== undefined) changes.tags = request.tags;
  if (request.additional_tags !== undefined) changes.additional_tags = request.additional_tags;
  if (request.remove_tags !== undefined) changes.remove_tags = request.remove_tags;

  let comment: CommentInput | null = null;
  if (request.comment) {
    const { body, htmlBody, authorId } = request.comment;
    const text = body ?? (htmlBody === null ? '' : htmlToText(htmlBody));
    if (text.trim() === '' && (htmlBody ?? '').trim() === '') problem('comment', "Comment: body can't be blank");
    if (store.commentCountFor(ticket.id) >= MAX_COMMENTS) problem('comment', `Comment: a ticket holds at most ${MAX_COMMENTS} comments`);
    if (authorId !== null && !store.user(authorId)) problem('comment', `Comment: author ${authorId} does not exist`);
    comment = {
      body: text,
      htmlBody: htmlBody ?? plainToHtml(text.split(/\n{2,}/)),
      public: request.comment.public,
      authorId: authorId ?? actor.userId,
      via: actor.via,
    };
  }
  if (Object.keys(details).length > 0) throw recordInvalid(details);
  return { changes, comment };
}
