import { z } from 'zod';

// Zendesk's JSON in two layers (docs/zendesk-conformance.md). Envelopes are checked whole: a page
// whose envelope is not what the endpoint documents cannot be trusted at all and is retried.
// Records are read one at a time by record-reader.ts with the lenient schemas below: one record
// that cannot be read is skipped and counted, and values we do not know (a new status, a via id)
// are mapped to a safe default with the raw value kept, so one record never rejects a page.

const id = z.number().int();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time');
/**
 * A time in a record read by the hundred thousand (tickets, users, comments): a string here; the
 * mapping parses it once and leaves out a record whose time is not one (record-reader.ts).
 */
const recordTime = z.string();
const records = z.array(z.unknown());

// --- records ---------------------------------------------------------------------------------

export const ticketRecord = z.object({
  id,
  subject: z.string().nullish(),
  raw_subject: z.string().nullish(),
  status: z.string().nullish(),
  priority: z.string().nullish(),
  type: z.string().nullish(),
  requester_id: id.nullish(),
  assignee_id: id.nullish(),
  group_id: id.nullish(),
  organization_id: id.nullish(),
  tags: z.array(z.string()).nullish(),
  via: z.unknown().optional(),
  satisfaction_rating: z.unknown().optional(),
  created_at: recordTime.nullish(),
  updated_at: recordTime,
  generated_timestamp: z.number().int().nullish(),
});
export type ZendeskTicket = z.infer<typeof ticketRecord>;

/** What a ticket export needs to recognise a deleted ticket (its other fields may be scrubbed). */
export const deletedTicketRecord = z.object({
  id,
  status: z.string().refine((s) => s.toLowerCase() === 'deleted'),
  generated_timestamp: z.number().int().nullish().catch(null),
  updated_at: isoTime.nullish().catch(null),
});

export const userRecord = z.object({
  id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  role: z.string().nullish(),
  organization_id: id.nullish(),
  locale: z.string().nullish(),
  updated_at: recordTime.nullish(),
  user_fields: z.record(z.string(), z.unknown()).nullish(),
  /** false once the user is deleted. */
  active: z.boolean().nullish(),
  suspended: z.boolean().nullish(),
});
export type ZendeskUser = z.infer<typeof userRecord>;

export const attachmentRecord = z.object({
  id,
  file_name: z.string(),
  content_url: z.string(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
});

export const commentRecord = z.object({
  id,
  type: z.string().nullish(),
  author_id: id.nullish(),
  body: z.string().nullish(),
  plain_body: z.string().nullish(),
  html_body: z.string().nullish(),
  public: z.boolean().nullish(),
  via: z.unknown().optional(),
  /** The OpenAPI example nests `via` in `metadata`; the JSON table lists it on the comment (read by the mapping). */
  metadata: z.unknown().optional(),
  audit_id: id.nullish(),
  created_at: recordTime.nullish(),
  attachments: z.array(z.unknown()).nullish(),
});
export type ZendeskComment = z.infer<typeof commentRecord>;

/** A ticket event (an audit) of the ticket-events export: its own `via` is a display name ("Web form"). */
export const ticketEventRecord = z.object({
  id,
  ticket_id: id,
  timestamp: z.number().int().nullish(),
  created_at: recordTime.nullish(),
  via: z.unknown().optional(),
  child_events: z.array(z.unknown()).nullish(),
});

/**
 * A ticket metric event (Incremental Ticket Metric Events export): `apply_sla` carries `sla`
 * (`target` minutes, `target_in_seconds`, `business_hours`, `policy: {id, title, description}`),
 * `update_status` carries `status: {calendar, business}`, a breach may come `deleted: true`.
 */
export const slaEventRecord = z.object({
  id,
  ticket_id: id,
  metric: z.string(),
  instance_id: z.number().int().nullish(),
  type: z.string(),
  time: isoTime,
  deleted: z.boolean().nullish(),
  sla: z
    .object({
      target: z.number().nullish(),
      target_in_seconds: z.number().nullish(),
      business_hours: z.boolean().nullish(),
      policy: z.object({ id: z.union([id, z.string()]).nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});

export const namedRecord = z.object({ id, name: z.string(), deleted: z.boolean().nullish() });

// --- envelopes -------------------------------------------------------------------------------

export const meResponse = z.object({ user: z.unknown() });

export const ticketExportResponse = z.object({
  tickets: records,
  users: records.nullish(),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});

export const userExportResponse = z.object({
  users: records,
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});

export const ticketEventsResponse = z.object({
  ticket_events: records,
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean(),
});

/** Time-based: `end_of_stream` is documented for time-based exports, not in this endpoint's own table; without it, a short page is the end. */
export const slaEventsResponse = z.object({
  ticket_metric_events: records,
  count: z.number().int().nullish(),
  end_time: z.number().int().nullish(),
  next_page: z.string().nullish(),
  end_of_stream: z.boolean().nullish(),
});

const cursorPageMeta = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
  /** Offset pagination (endpoints that ignore page[size]): the next page's URL. */
  next_page: z.string().nullish(),
});

export const searchExportResponse = cursorPageMeta.extend({ results: records });
export const commentsResponse = cursorPageMeta.extend({ comments: records });
export const usersListResponse = cursorPageMeta.extend({ users: records });
export const organizationsResponse = cursorPageMeta.extend({ organizations: records });
export const groupsResponse = cursorPageMeta.extend({ groups: records });
export const showManyUsersResponse = z.object({ users: records });
export const showManyTicketsResponse = z.object({ tickets: records });
export const ticketCountResponse = z.object({ count: z.object({ value: z.number() }) });

export const ordersResponse = z.object({
  orders: z.array(
    z.object({
      number: z.string(),
      placed_at: isoTime,
      total: z.number(),
      currency: z.string(),
      status: z.string(),
      items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number() })),
    }),
  ),
});

const auditSchema = z.object({
  id,
  metadata: z.object({ custom: z.record(z.string(), z.unknown()).nullish() }).passthrough().nullish(),
  events: z.array(z.looseObject({ id: id.nullish(), type: z.string().nullish() })).nullish(),
});

export const ticketUpdateResponse = z.object({ ticket: z.unknown(), audit: auditSchema.nullish() });
export const showTicketResponse = z.object({ ticket: z.unknown() });
export const auditsResponse = z.object({
  audits: z.array(auditSchema),
  meta: z.object({ has_more: z.boolean() }).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
  next_page: z.string().nullish(),
});
export type ZendeskAudit = z.infer<typeof auditSchema>;

/** The next page of a list endpoint: cursor pagination (`meta.has_more` + `links.next`) or offset (`next_page`). */
export function nextPageUrl(body: z.infer<typeof cursorPageMeta>): string | null {
  if (body.meta) return body.meta.has_more ? (body.links?.next ?? null) : null;
  return body.next_page ?? null;
}
