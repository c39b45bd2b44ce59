// An audit as a Ticket Audit object, the shape of GET /api/v2/tickets/{id}/audits and of the
// `audit` in an update response: `author_id`, a via object, and `events` with `type` and
// `field_name`/`value`/`previous_value`, unlike the ticket_events export's `updater_id`, via
// string and `child_events` keyed by field.
import type { AuditRecord, FieldEvent, Via } from '../dataset/types';

export interface TicketAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  via: Via;
  events: Record<string, unknown>[];
}

function fieldEvent(event: FieldEvent): Record<string, unknown> {
  const out: Record<string, unknown> = { id: event.id, type: event.type, field_name: event.field, value: event.value };
  if (event.type === 'Change') out.previous_value = event.previous_value;
  return out;
}

export function toAudit(record: AuditRecord): TicketAudit {
  const events: Record<string, unknown>[] = [];
  const comment = record.comment;
  if (comment) {
    events.push({
      id: comment.id,
      type: 'Comment',
      author_id: comment.author_id,
      body: comment.body,
      html_body: comment.html_body,
      plain_body: comment.plain_body,
      public: comment.public,
      attachments: comment.attachments,
      audit_id: comment.audit_id,
    });
  }
  for (const field of record.fields) events.push(fieldEvent(field));
  return {
    id: record.id,
    ticket_id: record.ticket_id,
    created_at: record.created_at,
    author_id: record.updater_id,
    metadata: record.metadata,
    via: record.via,
    events,
  };
}
