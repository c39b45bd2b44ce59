// An audit as an entry of GET /api/v2/incremental/ticket_events. Zendesk's export differs from
// the Ticket Audits API: the entry's `via` is a display string ("Web form"), not an object;
// comment child events keep a via object; Create and Change child events carry the via string and
// the field as a key of its own, with `previous_value` on changes:
//   {"id": 1561823056871, "via": "Web form", "via_reference_id": null, "status": "solved",
//    "previous_value": "open", "event_type": "Change"}
// (payloads quoted by client code; Zendesk's reference shows no example).
import { viaTypeOf } from './via-ids';
import type { AuditRecord, DemoComment, DemoTicketEvent, FieldEvent, TicketChildEvent, Via } from './types';

/**
 * The via display string of a ticket event. Only "Web form" is seen in a real payload; the others
 * follow the same pattern (the via type's name in words) and are the demo's assumption.
 */
const VIA_NAMES: Readonly<Record<string, string>> = {
  web: 'Web form',
  email: 'Mail',
  api: 'Web service',
  rule: 'Rule',
  chat: 'Chat',
  native_messaging: 'Native messaging',
  whatsapp: 'WhatsApp',
  voice: 'Voice',
  twitter: 'Twitter',
  facebook: 'Facebook',
};

export const TICKET_EVENT_VIA_NAMES: readonly string[] = Object.values(VIA_NAMES);

export function viaDisplayName(via: Via): string {
  const type = viaTypeOf(via.channel);
  return (type && VIA_NAMES[type]) ?? 'Web service';
}

export function commentChildEvent(comment: DemoComment, includeBody: boolean): TicketChildEvent {
  if (!includeBody) {
    return { id: comment.id, via: comment.via, via_reference_id: null, comment_present: true, comment_public: comment.public, event_type: 'Comment' };
  }
  return {
    id: comment.id,
    via: comment.via,
    via_reference_id: null,
    type: 'Comment',
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    public: comment.public,
    attachments: comment.attachments.map((a) => ({ id: a.id, file_name: a.file_name, content_url: a.content_url, content_type: a.content_type, size: a.size })),
    audit_id: comment.audit_id,
    created_at: comment.created_at,
    event_type: 'Comment',
  };
}

function fieldChildEvent(event: FieldEvent, via: string): TicketChildEvent {
  const child: TicketChildEvent = { id: event.id, via, via_reference_id: null, [event.field]: event.value, event_type: event.type };
  if (event.type === 'Change') child.previous_value = event.previous_value;
  return child;
}

/** The export entry of an audit; without `includeComments` comments are only `comment_present`/`comment_public`. */
export function toTicketEvent(record: AuditRecord, includeComments: boolean): DemoTicketEvent {
  const via = viaDisplayName(record.via);
  const children: TicketChildEvent[] = [];
  if (record.comment) children.push(commentChildEvent(record.comment, includeComments));
  for (const field of record.fields) children.push(fieldChildEvent(field, via));
  return {
    id: record.id,
    ticket_id: record.ticket_id,
    timestamp: record.timestamp,
    created_at: record.created_at,
    updater_id: record.updater_id,
    via,
    system: { ...record.metadata.system },
    metadata: record.metadata,
    event_type: 'Audit',
    child_events: children,
  };
}
