// Our channel kinds: what the agent sees as "where did this come from". Each connector maps its
// own notion (Zendesk's via.channel, a mailbox) onto these; what maps to none of them is `other`,
// and the connector keeps the remote's own value beside it.

export const CHANNEL_KINDS = ['email', 'web', 'chat', 'messaging', 'twitter', 'facebook', 'whatsapp', 'voice', 'api', 'other'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export function isChannelKind(value: string): value is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(value);
}

export const IDENTITY_KINDS = ['email', 'phone', 'twitter', 'facebook', 'whatsapp'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/**
 * Normalises an identity so the same person matches across channels:
 * e-mails lower-cased, phone numbers reduced to digits (with a leading +), handles without '@'.
 */
export function normalizeIdentity(kind: IdentityKind, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  switch (kind) {
    case 'email':
      return value.includes('@') ? value.toLowerCase() : null;
    case 'phone':
    case 'whatsapp': {
      const digits = value.replace(/[^0-9]/g, '');
      return digits.length >= 6 ? `+${digits}` : null;
    }
    case 'twitter':
    case 'facebook':
      return value.replace(/^@/, '').toLowerCase() || null;
  }
}
