import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { RemoteAttachment, RemoteCase, RemoteMessage, RemotePerson } from '../connector';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from './schemas';
import { channelOfVia } from './via';

// Zendesk records (already read by record-reader.ts) → our normalised records. Values outside
// the documented sets map to a safe default, and the raw value goes into `unmapped`.

/** Where a record's values did not map: field → the raw value as sent. */
export type Unmapped = Record<string, string>;

/**
 * A status we do not know (custom statuses report their category in `status`, so this is rare)
 * shows as open: the case stays in front of an agent rather than disappearing into a queue.
 */
const FALLBACK_STATUS: CaseStatus = 'open';

/** A ticket, or null when its `updated_at` is not a time (nothing orders its versions then). */
export function toRemoteCase(ticket: ZendeskTicket): RemoteCase | null {
  const updatedAt = Date.parse(ticket.updated_at);
  if (Number.isNaN(updatedAt)) return null;
  const unmapped: Unmapped = {};
  const via = channelOfVia(ticket.via);
  if (via.raw !== null) unmapped.via = via.raw;
  const remote: RemoteCase = {
    remoteId: String(ticket.id),
    channel: via.channel,
    subject: ticket.subject ?? ticket.raw_subject ?? '',
    status: oneOf(CASE_STATUSES, ticket.status, 'status', unmapped) ?? FALLBACK_STATUS,
    priority: oneOf(CASE_PRIORITIES, ticket.priority, 'priority', unmapped) as CasePriority | null,
    type: ticket.type ?? null,
    requesterRemoteId: idOrNull(ticket.requester_id),
    assigneeRemoteId: idOrNull(ticket.assignee_id),
    groupRemoteId: idOrNull(ticket.group_id),
    organizationRemoteId: idOrNull(ticket.organization_id),
    tags: ticket.tags ?? [],
    csat: csatOf(ticket.satisfaction_rating),
    createdAt: timeOr(ticket.created_at, updatedAt),
    updatedAt,
    version: ticket.updated_at,
    generatedTs: ticket.generated_timestamp ?? Math.floor(updatedAt / 1000),
  };
  if (Object.keys(unmapped).length > 0) remote.unmapped = unmapped;
  return remote;
}

/** A value from a documented set (case-insensitively); anything else is recorded as unmapped. null/absent stays null. */
function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined, field: string, unmapped: Unmapped): T | null {
  if (value === null || value === undefined || value === '') return null;
  const lower = value.toLowerCase() as T;
  if (allowed.includes(lower)) return lower;
  unmapped[field] = value;
  return null;
}

/** `satisfaction_rating` is `{score, …}` when rated; "offered"/"unoffered" are states, not ratings; null without CSAT. */
function csatOf(rating: unknown): string | null {
  const score = rating && typeof rating === 'object' ? (rating as { score?: unknown }).score : undefined;
  return score === 'good' || score === 'bad' ? score : null;
}

const ROLES: Record<string, RemotePerson['role']> = { 'end-user': 'customer', end_user: 'customer', agent: 'agent', admin: 'admin' };

export function toRemotePerson(user: ZendeskUser): { person: RemotePerson; unmapped: Unmapped } {
  const fields = user.user_fields ?? {};
  const unmapped: Unmapped = {};
  const roleName = (user.role ?? 'end-user').toLowerCase();
  const role = ROLES[roleName];
  if (!role) unmapped.role = user.role ?? '';
  const person: RemotePerson = {
    remoteId: String(user.id),
    // A user may have no name (only an identity): show what identifies them.
    name: user.name?.trim() || user.email || user.phone || `#${user.id}`,
    role: role ?? 'customer',
    email: user.email || null,
    phone: user.phone || null,
    twitter: stringField(fields, 'twitter_handle'),
    facebook: stringField(fields, 'facebook_id'),
    whatsapp: stringField(fields, 'whatsapp_phone'),
    organizationRemoteId: idOrNull(user.organization_id),
    locale: user.locale ?? null,
    tier: stringField(fields, 'tier'),
    lifetimeValue: numberField(fields, 'lifetime_value'),
    followers: numberField(fields, 'followers'),
    updatedAt: timeOr(user.updated_at, 0),
    // Zendesk: `active` is false for a deleted user; a suspended one keeps `active` but has `suspended`.
    active: user.active !== false && user.suspended !== true,
  };
  return { person, unmapped };
}

/**
 * A comment. `fallbackVia` is the event's or ticket's via for comments without their own;
 * `fallbackTime` the event's time for comments without `created_at`. A comment that does not say
 * whether it is public is taken as internal: an internal note must never read as a reply.
 */
export function toRemoteMessage(
  comment: ZendeskComment,
  ticketId: number,
  fallbackVia: unknown,
  fallbackTime: number | null,
  attachments: RemoteAttachment[],
): { message: RemoteMessage; unmapped: Unmapped } | null {
  const createdAt = comment.created_at ? Date.parse(comment.created_at) : fallbackTime;
  if (createdAt === null || Number.isNaN(createdAt)) return null;
  const unmapped: Unmapped = {};
  const nested = comment.metadata && typeof comment.metadata === 'object' ? (comment.metadata as { via?: unknown }).via : undefined;
  const via = channelOfVia(comment.via ?? nested ?? fallbackVia);
  if (comment.public === null || comment.public === undefined) unmapped.public = 'missing';
  const bodyText = comment.body ?? comment.plain_body ?? (comment.html_body ? htmlText(comment.html_body) : '');
  const message: RemoteMessage = {
    remoteId: String(comment.id),
    caseRemoteId: String(ticketId),
    authorRemoteId: idOrNull(comment.author_id),
    public: comment.public === true,
    bodyText,
    bodyHtml: meaningfulHtml(comment.html_body ?? null, bodyText),
    channel: via.channel,
    createdAt,
    attachments,
  };
  if (via.raw !== null) {
    message.channelRaw = via.raw;
    unmapped.via = via.raw;
  }
  if (comment.audit_id !== null && comment.audit_id !== undefined) message.auditRemoteId = String(comment.audit_id);
  return { message, unmapped };
}

function timeOr(value: string | null | undefined, fallback: number): number {
  if (!value) return fallback;
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : time;
}

function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function idOrNull(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function stringField(fields: Record<string, unknown>, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberField(fields: Record<string, unknown>, key: string): number | null {
  const value = fields[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

const WRAPPER_TAGS = /<\/?(?:div|p|br|span)(?:\s+(?:class|dir)="[^"]*")*\s*\/?>/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * Zendesk sends an html_body for every comment; for a plain-text comment it is only the text
 * wrapped in <div>/<p>/<br>. Such HTML says nothing the text does not, doubles the cache and the
 * sync's write volume, and would make the UI render a sandboxed frame for nothing, so it is dropped.
 * Any other markup (links, images, formatting, quotes) is kept.
 */
export function meaningfulHtml(html: string | null, text: string): string | null {
  if (html === null || html.trim() === '') return null;
  const stripped = html.replace(WRAPPER_TAGS, ' ');
  if (/[<>]/.test(stripped)) return html;
  const decoded = stripped.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
  if (/&[#a-z0-9]+;/i.test(decoded)) return html;
  const normalize = (value: string) => value.replace(/\s+/g, ' ').trim();
  return normalize(decoded) === normalize(text) ? null : html;
}
