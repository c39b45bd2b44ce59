import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../../../src-shared/domain/case-fields';

// The parts of Zendesk's JSON we rely on, checked before anything is written: a payload that does
// not match fails the page with a clear error instead of writing half a batch.

const id = z.number().int();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time');

export const viaSchema = z
  .object({
    channel: z.union([z.string(), z.number()]),
    source: z.unknown().optional(),
  })
  .nullish();

export const statusSchema = z.enum(CASE_STATUSES);

export const ticketSchema = z.object({
  id,
  subject: z.string().nullish(),
  raw_subject: z.string().nullish(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(CASE_PRIORITIES).nullish(),
  type: z.string().nullish(),
  requester_id: id.nullish(),
  assignee_id: id.nullish(),
  group_id: id.nullish(),
  organization_id: id.nullish(),
  tags: z.array(z.string()),
  via: viaSchema,
  satisfaction_rating: z.object({ score: z.string() }).passthrough().nullish(),
  created_at: isoTime,
  updated_at: isoTime,
  generated_timestamp: z.number().int().nullish(),
});
export type ZendeskTicket = z.infer<typeof ticketSchema>;

export const userSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  role: z.string(),
  organization_id: id.nullish(),
  locale: z.string().nullish(),
  updated_at: isoTime,
  user_fields: z.record(z.string(), z.unknown()).nullish(),
  /** false once the user is deleted. */
  active: z.boolean().nullish(),
  suspended: z.boolean().nullish(),
});
export type ZendeskUser = z.infer<typeof userSchema>;

export const attachmentSchema = z.object({
  id,
  file_name: z.string(),
  content_url: z.string(),
  content_type: z.string(),
  size: z.number(),
});

export const commentSchema = z.object({
  id,
  author_id: id.nullish(),
  body: z.string(),
  html_body: z.string().nullish(),
  public: z.boolean(),
  via: viaSchema,
  created_at: isoTime,
  attachments: z.array(attachmentSchema).nullish(),
});
export type ZendeskComment = z.infer<typeof commentSchema>;

export const namedSchema = z.object({ id, name: z.string() });

export const meResponse = z.object({ user: userSchema });

export const ticketExportResponse = z.object({
  tickets: z.array(ticketSchema),
  users: z.array(userSchema).nullish(),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});

export const userExportResponse = z.object({
  users: z.array(userSchema),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});

/** Audit events from the time-based ticket events export; child events are checked one by one. */
export const ticketEventsResponse = z.object({
  ticket_events: z.array(
    z.object({
      id,
      ticket_id: id,
      timestamp: z.number().int(),
      via: viaSchema,
      child_events: z.array(z.looseObject({ event_type: z.string().optional() })).nullish(),
    }),
  ),
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean(),
});

const cursorPageMeta = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }),
  links: z.object({ next: z.string().nullish() }).nullish(),
});

export const searchExportResponse = cursorPageMeta.extend({ results: z.array(ticketSchema) });
export const commentsResponse = cursorPageMeta.extend({ comments: z.array(commentSchema) });
export const usersListResponse = cursorPageMeta.extend({ users: z.array(userSchema) });
export const organizationsResponse = cursorPageMeta.extend({ organizations: z.array(namedSchema) });
export const groupsResponse = z.object({ groups: z.array(namedSchema.extend({ deleted: z.boolean().nullish() })) });
export const showManyUsersResponse = z.object({ users: z.array(userSchema) });
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

export const ticketUpdateResponse = z.object({ ticket: ticketSchema, audit: auditSchema.nullish() });
export const showTicketResponse = z.object({ ticket: ticketSchema });
export const auditsResponse = z.object({
  audits: z.array(auditSchema),
  meta: z.object({ has_more: z.boolean() }).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
  next_page: z.string().nullish(),
});
export type ZendeskAudit = z.infer<typeof auditSchema>;
