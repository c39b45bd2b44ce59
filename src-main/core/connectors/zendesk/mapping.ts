import { type ChannelKind } from '../../../../src-shared/domain/channels';
import type { RemoteCase, RemoteMessage, RemotePerson } from '../connector';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from './schemas';

// Zendesk records → our normalised records.

/** Zendesk's via types (developer.zendesk.com, "Via types") → our channel kinds. */
const VIA_CHANNELS: Record<string, ChannelKind> = {
  email: 'email',
  mail: 'email',
  web: 'web',
  web_form: 'web',
  web_service: 'api',
  api: 'api',
  chat: 'chat',
  chat_transcript: 'chat',
  web_widget: 'chat',
  native_messaging: 'messaging',
  messaging: 'messaging',
  mobile_sdk: 'messaging',
  any_channel: 'messaging',
  sunshine_conversations_api: 'messaging',
  line: 'messaging',
  wechat: 'messaging',
  instagram_dm: 'messaging',
  twitter: 'twitter',
  twitter_dm: 'twitter',
  twitter_favorite: 'twitter',
  facebook: 'facebook',
  facebook_post: 'facebook',
  facebook_message: 'facebook',
  whatsapp: 'whatsapp',
  voice: 'voice',
  phone_call_inbound: 'voice',
  phone_call_outbound: 'voice',
  voicemail: 'voice',
};

export function channelOfVia(via: { channel: string | number } | null | undefined): ChannelKind {
  if (!via) return 'api';
  return VIA_CHANNELS[String(via.channel).toLowerCase()] ?? 'api';
}

export function toRemoteCase(ticket: ZendeskTicket): RemoteCase {
  const updatedAt = Date.parse(ticket.updated_at);
  return {
    remoteId: String(ticket.id),
    channel: channelOfVia(ticket.via),
    subject: ticket.subject ?? ticket.raw_subject ?? '',
    status: ticket.status,
    priority: ticket.priority ?? null,
    type: ticket.type ?? null,
    requesterRemoteId: idOrNull(ticket.requester_id),
    assigneeRemoteId: idOrNull(ticket.assignee_id),
    groupRemoteId: idOrNull(ticket.group_id),
    organizationRemoteId: idOrNull(ticket.organization_id),
    tags: ticket.tags,
    csat: csatOf(ticket.satisfaction_rating?.score),
    createdAt: Date.parse(ticket.created_at),
    updatedAt,
    version: ticket.updated_at,
    generatedTs: ticket.generated_timestamp ?? Math.floor(updatedAt / 1000),
  };
}

function csatOf(score: string | undefined): string | null {
  return score === 'good' || score === 'bad' ? score : null;
}

export function toRemotePerson(user: ZendeskUser): RemotePerson {
  const fields = user.user_fields ?? {};
  return {
    remoteId: String(user.id),
    name: user.name,
    role: user.role === 'admin' ? 'admin' : user.role === 'agent' ? 'agent' : 'customer',
    email: user.email ?? null,
    phone: user.phone ?? null,
    twitter: stringField(fields, 'twitter_handle'),
    facebook: stringField(fields, 'facebook_id'),
    whatsapp: stringField(fields, 'whatsapp_phone'),
    organizationRemoteId: idOrNull(user.organization_id),
    locale: user.locale ?? null,
    tier: stringField(fields, 'tier'),
    lifetimeValue: numberField(fields, 'lifetime_value'),
    followers: numberField(fields, 'followers'),
    updatedAt: Date.parse(user.updated_at),
    // Zendesk: `active` is false for a deleted user; a suspended one keeps `active` but has `suspended`.
    active: user.active !== false && user.suspended !== true,
  };
}

export function toRemoteMessage(comment: ZendeskComment, ticketId: number, fallbackVia: { channel: string | number } | null | undefined): RemoteMessage {
  return {
    remoteId: String(comment.id),
    caseRemoteId: String(ticketId),
    authorRemoteId: idOrNull(comment.author_id),
    public: comment.public,
    bodyText: comment.body,
    bodyHtml: meaningfulHtml(comment.html_body ?? null, comment.body),
    channel: channelOfVia(comment.via ?? fallbackVia),
    createdAt: Date.parse(comment.created_at),
    attachments: (comment.attachments ?? []).map((a) => ({
      id: String(a.id),
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      url: a.content_url,
    })),
  };
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
