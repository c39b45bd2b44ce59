// A ticket_events entry as a Ticket Audit object, the shape of GET /api/v2/tickets/{id}/audits
// and of the `audit` in an update response: `author_id` and `events` with `type` instead of the
// export's `updater_id` and `child_events` with `event_type`.
import type { DemoTicketEvent, TicketChildEvent } from '../dataset/types';

export interface TicketAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  via: DemoTicketEvent['via'];
  events: Record<string, unknown>[];
}

function auditEvent(child: TicketChildEvent): Record<string, unknown> {
  if (child.event_type === 'Comment') {
    return {
      id: child.id,
      type: 'Comment',
      author_id: child.author_id,
      body: child.body,
      html_body: child.html_body,
      plain_body: child.body,
      public: child.public,
      attachments: child.attachments,
      audit_id: child.audit_id,
    };
  }
  const event: Record<string, unknown> = { id: child.id, type: child.event_type, field_name: child.field_name, value: child.value };
  if ('previous_value' in child) event.previous_value = child.previous_value;
  return event;
}

/** Expects the event rendered with comment bodies. */
export function toAudit(event: DemoTicketEvent): TicketAudit {
  return {
    id: event.id,
    ticket_id: event.ticket_id,
    created_at: event.created_at,
    author_id: event.updater_id,
    metadata: event.metadata,
    via: event.via,
    events: event.child_events.map(auditEvent),
  };
}
