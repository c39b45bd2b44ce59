// Records a tolerant client must cope with, in ways Zendesk's documentation says cannot happen
// but real accounts (migrations, old bugs, half-scrubbed data) do produce. Two kinds:
//
// - Unreadable records a client can only skip: in the incremental ticket export one ticket whose
//   `updated_at` is not a date; in ticket_events one comment child event without `id`; in the
//   incremental user export one user whose `id` is null. Each is readable elsewhere (show ticket,
//   the comments endpoint, show user), so it stays addressable for a test.
// - Values a client must map, not skip: a ticket whose `priority` is "critical" (not one of
//   urgent, high, normal, low) and a comment without `public` (Zendesk's default is public).
//
// Chosen from the seed (own random stream, so nothing else changes) among closed tickets that are
// neither special nor deleted, and an end user who requested no ticket; `edgeCases: false` turns
// them off. `dataset.unreadableRecords` and `dataset.valuesToMap` are the ground truth.
import { Rng } from '../random/prng';
import type { DemoTicket, DemoUser } from './types';

/** What the export sends instead of the one unreadable ticket's updated_at. */
export const NOT_A_DATE = '0000-00-00T00:00:00Z';
/** The unknown priority of the one ticket with a value to map. */
export const UNKNOWN_PRIORITY = 'critical';

export type UnreadableKind = 'ticket' | 'comment' | 'user';

/** A record a client reading the export can only skip (its id as the dataset knows it). */
export interface UnreadableRecord {
  kind: UnreadableKind;
  id: number;
  /** The ticket a comment belongs to. */
  ticketId?: number;
  /** Where it is unreadable: the endpoint, and what is wrong. */
  where: string;
  problem: string;
}

export type ValueToMapKind = 'ticket-priority' | 'comment-public';

/** A value outside the documented ones that a client must map (not skip the record). */
export interface ValueToMap {
  kind: ValueToMapKind;
  id: number;
  ticketId?: number;
  field: string;
  /** What is sent (undefined: the field is missing). */
  sent: unknown;
  /** What a client should make of it. */
  meaning: string;
}

export interface EdgeCases {
  /** Ticket whose updated_at is not a date in the incremental ticket export. */
  badUpdatedAtTicketId: number | null;
  /** Comment whose child event in ticket_events has no id. */
  eventWithoutIdCommentId: number | null;
  /** User whose id is null in the incremental user export. */
  userWithoutIdUserId: number | null;
  /** Ticket whose priority is "critical". */
  unknownPriorityTicketId: number | null;
  /** Comment that has no `public`. */
  publicMissingCommentId: number | null;
  unreadable: UnreadableRecord[];
  valuesToMap: ValueToMap[];
}

export const NO_EDGE_CASES: EdgeCases = {
  badUpdatedAtTicketId: null,
  eventWithoutIdCommentId: null,
  userWithoutIdUserId: null,
  unknownPriorityTicketId: null,
  publicMissingCommentId: null,
  unreadable: [],
  valuesToMap: [],
};

export interface EdgeCaseInput {
  seed: number;
  tickets: readonly DemoTicket[];
  endUsers: readonly DemoUser[];
  /** Tickets that must stay as they are (special and deleted ones). */
  keep: ReadonlySet<number>;
  /** Comment ids of a ticket, oldest first, and whether each is a public one by the customer. */
  commentsOf: (ticketId: number) => { id: number; publicByCustomer: boolean }[];
}

export function pickEdgeCases(input: EdgeCaseInput): EdgeCases {
  const rng = Rng.derive(input.seed, 'edge-cases');
  const closed = input.tickets.filter((t) => t.status === 'closed' && !input.keep.has(t.id));
  const take = (): DemoTicket | null => {
    if (closed.length === 0) return null;
    const index = rng.int(closed.length);
    const [ticket] = closed.splice(index, 1);
    return ticket ?? null;
  };
  const badUpdatedAt = take();
  const withEventWithoutId = take();
  const withUnknownPriority = take();
  const withPublicMissing = take();
  // A later customer comment (not the first: that one is the ticket's description).
  const laterCustomerComment = (ticket: DemoTicket | null): number | null => {
    if (!ticket) return null;
    const candidates = input.commentsOf(ticket.id).slice(1).filter((c) => c.publicByCustomer);
    const chosen = candidates.length > 0 ? candidates[rng.int(candidates.length)] : input.commentsOf(ticket.id).at(-1);
    return chosen?.id ?? null;
  };
  const eventWithoutId = laterCustomerComment(withEventWithoutId);
  const publicMissing = laterCustomerComment(withPublicMissing);
  const requesters = new Set(input.tickets.map((t) => t.requester_id));
  const idle = input.endUsers.filter((u) => !requesters.has(u.id) && u.active && !u.suspended);
  const userWithoutId = idle.length > 0 ? (idle[rng.int(idle.length)] as DemoUser).id : null;

  const unreadable: UnreadableRecord[] = [];
  if (badUpdatedAt) unreadable.push({ kind: 'ticket', id: badUpdatedAt.id, where: 'GET /api/v2/incremental/tickets/cursor', problem: `updated_at is ${JSON.stringify(NOT_A_DATE)}, not a date` });
  if (eventWithoutId !== null && withEventWithoutId) {
    unreadable.push({ kind: 'comment', id: eventWithoutId, ticketId: withEventWithoutId.id, where: 'GET /api/v2/incremental/ticket_events', problem: 'the Comment child event has no id' });
  }
  if (userWithoutId !== null) unreadable.push({ kind: 'user', id: userWithoutId, where: 'GET /api/v2/incremental/users/cursor', problem: 'id is null' });
  const valuesToMap: ValueToMap[] = [];
  if (withUnknownPriority) {
    valuesToMap.push({ kind: 'ticket-priority', id: withUnknownPriority.id, field: 'priority', sent: UNKNOWN_PRIORITY, meaning: 'an unknown priority: keep the ticket, read it as the nearest known one (urgent) or none' });
  }
  if (publicMissing !== null && withPublicMissing) {
    valuesToMap.push({ kind: 'comment-public', id: publicMissing, ticketId: withPublicMissing.id, field: 'public', sent: undefined, meaning: 'public is missing: Zendesk comments are public unless made private, so read it as true' });
  }
  return {
    badUpdatedAtTicketId: badUpdatedAt?.id ?? null,
    eventWithoutIdCommentId: eventWithoutId,
    userWithoutIdUserId: userWithoutId,
    unknownPriorityTicketId: withUnknownPriority?.id ?? null,
    publicMissingCommentId: publicMissing,
    unreadable,
    valuesToMap,
  };
}
