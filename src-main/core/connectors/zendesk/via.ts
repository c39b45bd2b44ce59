import type { ChannelKind } from '../../../../src-shared/domain/channels';

// Zendesk's `via` (docs/zendesk-conformance.md, "Via"): `via.channel` is "string or integer… a via
// type or via id"; the ticket-events export gives each event's own `via` as a display name
// ("Web form", "Mail", "Rule"); comments carry `{channel, source}` (sometimes under `metadata`).
// Everything lands on one of our channel kinds; what we have no kind for is `other`, with the
// remote's value kept so the agent can still see where it came from.

/** Via types (by name) onto our channel kinds. Names not here map to `other`. */
const BY_TYPE: Readonly<Record<string, ChannelKind>> = {
  // the "Ticket created by" strings of the via types table
  web: 'web',
  email: 'email',
  api: 'api',
  chat: 'chat',
  voice: 'voice',
  twitter: 'twitter',
  facebook: 'facebook',
  forum: 'web',
  mobile: 'messaging',
  // via type names (the table's second column, and what newer channels send)
  web_form: 'web',
  mail: 'email',
  web_service: 'api',
  dropbox: 'web',
  batch: 'web',
  closed_ticket: 'web',
  topic: 'web',
  helpcenter: 'web',
  iphone: 'messaging',
  mobile_sdk: 'messaging',
  web_widget: 'chat',
  chat_transcript: 'chat',
  chat_offline_message: 'chat',
  twitter_favorite: 'twitter',
  twitter_dm: 'twitter',
  sunshine_conversations_twitter_dm: 'twitter',
  facebook_post: 'facebook',
  facebook_message: 'facebook',
  sunshine_conversations_facebook_messenger: 'facebook',
  voicemail: 'voice',
  phone_call_inbound: 'voice',
  phone_call_outbound: 'voice',
  api_voicemail: 'voice',
  api_phone_call_inbound: 'voice',
  api_phone_call_outbound: 'voice',
  whatsapp: 'whatsapp',
  native_messaging: 'messaging',
  messaging: 'messaging',
  any_channel: 'messaging',
  sunshine_conversations_api: 'messaging',
  line: 'messaging',
  wechat: 'messaging',
  telegram: 'messaging',
  viber: 'messaging',
  kakaotalk: 'messaging',
  instagram_dm: 'messaging',
  apple_business_chat: 'messaging',
  google_business_messages: 'messaging',
  google_rcs: 'messaging',
  sms: 'messaging',
  text_message: 'messaging',
  twilio_sms: 'messaging',
  messagebird_sms: 'messaging',
  ticket_sharing: 'api',
  import: 'api',
  blog: 'api',
  github: 'api',
};

/**
 * Via ids from Zendesk's "Via types" reference (ids 0–41, and 44–46 from the official OpenAPI
 * file) plus the ids public clients agree on (48–50, 54–57). Ids not listed (including the newer
 * messaging ids, which no source we could read confirms) map to `other` with the id kept.
 */
const BY_ID: Readonly<Record<number, string>> = {
  0: 'web_form',
  4: 'mail',
  5: 'web_service',
  8: 'rule',
  9: 'linked_problem',
  10: 'group_deletion',
  11: 'user_change',
  12: 'user_deletion',
  13: 'group_change',
  14: 'resource_push',
  15: 'iphone',
  16: 'get_satisfaction',
  17: 'dropbox',
  19: 'merge',
  20: 'batch',
  21: 'recovered_from_suspended_tickets',
  22: 'automatic_solution_suggestions',
  23: 'twitter_favorite',
  24: 'topic',
  25: 'user_merge',
  26: 'twitter_dm',
  27: 'closed_ticket',
  28: 'logmein_rescue',
  29: 'chat',
  30: 'twitter',
  31: 'ticket_sharing',
  32: 'macro_reference',
  33: 'voicemail',
  34: 'phone_call_inbound',
  35: 'phone_call_outbound',
  36: 'blog',
  37: 'text_message',
  38: 'facebook_post',
  39: 'import',
  40: 'github',
  41: 'facebook_message',
  44: 'api_voicemail',
  45: 'api_phone_call_inbound',
  46: 'api_phone_call_outbound',
  48: 'web_widget',
  49: 'mobile_sdk',
  50: 'helpcenter',
  54: 'satisfaction_prediction',
  55: 'any_channel',
  56: 'mobile',
  57: 'sms',
};

export interface ViaChannel {
  channel: ChannelKind;
  /** The remote's value as sent when it mapped to `other` (a via id, a via type we do not know). */
  raw: string | null;
}

/** The via type name a `via.channel` value stands for: "Web form" → web_form, 4 → mail. */
export function viaTypeName(channel: string | number): string {
  if (typeof channel === 'number') return BY_ID[channel] ?? String(channel);
  const trimmed = channel.trim();
  if (/^\d+$/.test(trimmed)) return BY_ID[Number(trimmed)] ?? trimmed;
  return trimmed.toLowerCase().replace(/[\s-]+/g, '_');
}

/** Web service (API) is how ticket events name API calls; "Web service (API)" reads as web_service. */
function normalize(name: string): string {
  return name.replace(/_\(.*\)$/, '');
}

const NO_VIA: ViaChannel = { channel: 'other', raw: null };

/** A backfill reads a million comments with a handful of distinct vias: each is worked out once. */
const known = new Map<string | number, ViaChannel>();

/** Any `via` Zendesk sends (object, display name, via id, nothing) as our channel kind. */
export function channelOfVia(via: unknown): ViaChannel {
  const value = viaChannelValue(via);
  if (value === null) return NO_VIA;
  let found = known.get(value);
  if (!found) {
    const channel = BY_TYPE[normalize(viaTypeName(value))];
    found = channel ? { channel, raw: null } : { channel: 'other', raw: String(value) };
    if (known.size < 1000) known.set(value, found);
  }
  return found;
}

/** The `channel` of a via object, or the via itself when it is a bare string or id. */
export function viaChannelValue(via: unknown): string | number | null {
  if (typeof via === 'string') return via.trim() === '' ? null : via;
  if (typeof via === 'number' && Number.isInteger(via)) return via;
  if (via && typeof via === 'object' && 'channel' in via) {
    const channel = (via as { channel: unknown }).channel;
    if (typeof channel === 'string' && channel.trim() !== '') return channel;
    if (typeof channel === 'number' && Number.isInteger(channel)) return channel;
  }
  return null;
}
