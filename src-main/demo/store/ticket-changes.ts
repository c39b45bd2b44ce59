// The ticket fields a change may touch, and the audit child events describing a change.
import { changeEvent, createEvent } from '../dataset/generated-dataset';
import type { DemoTicket, FieldEvent, TicketPriority, TicketStatus, TicketType } from '../dataset/types';

export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  assignee_id?: number | null;
  group_id?: number | null;
  /** Replaces the tag list. */
  tags?: string[];
  /** Added to the tags current at the time of the write, so tags others added survive. */
  additional_tags?: string[];
  /** Removed from the tags current at the time of the write. */
  remove_tags?: string[];
}

const TRACKED_FIELDS = ['subject', 'status', 'priority', 'type', 'assignee_id', 'group_id', 'tags'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The tag list after a change, or undefined when the change does not touch tags. */
export function resolveTags(current: readonly string[], changes: TicketChanges): string[] | undefined {
  if (changes.tags === undefined && changes.additional_tags === undefined && changes.remove_tags === undefined) return undefined;
  const removed = new Set(changes.remove_tags ?? []);
  const out: string[] = [];
  for (const tag of [...(changes.tags ?? current), ...(changes.additional_tags ?? [])]) {
    if (!removed.has(tag) && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Applies changes to a copy of the ticket; returns the copy and its Change events (ids from nextId). */
export function applyTicketChanges(ticket: DemoTicket, changes: TicketChanges, nextId: () => number): { ticket: DemoTicket; events: FieldEvent[] } {
  const next: DemoTicket = { ...ticket, tags: [...ticket.tags] };
  const events: FieldEvent[] = [];
  const resolved: Omit<TicketChanges, 'additional_tags' | 'remove_tags'> = { ...changes, tags: resolveTags(ticket.tags, changes) };
  for (const field of TRACKED_FIELDS) {
    const value = resolved[field];
    const previous = ticket[field];
    if (value === undefined || sameValue(value, previous)) continue;
    Object.assign(next, { [field]: Array.isArray(value) ? [...value] : value });
    if (field === 'subject') next.raw_subject = value as string;
    events.push(changeEvent(nextId(), field, value, previous));
  }
  return { ticket: next, events };
}

/** Whether applying the changes would alter the ticket at all. */
export function changesAnything(ticket: DemoTicket, changes: TicketChanges): boolean {
  let id = 0;
  return applyTicketChanges(ticket, changes, () => ++id).events.length > 0;
}

/** Create events for a ticket made by a live change. */
export function creationEvents(ticket: DemoTicket, nextId: () => number): FieldEvent[] {
  const fields: [string, unknown][] = [
    ['subject', ticket.subject],
    ['status', ticket.status],
    ['priority', ticket.priority],
    ['type', ticket.type],
    ['requester_id', ticket.requester_id],
    ['group_id', ticket.group_id],
    ['assignee_id', ticket.assignee_id],
    ['tags', ticket.tags],
  ];
  return fields.map(([field, value]) => createEvent(nextId(), field, value));
}
