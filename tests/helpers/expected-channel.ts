import { DOCUMENTED_VIA_IDS, viaTypeOf, type Via } from '../../src-main/demo/index';

// The channel a demo ticket or comment should show as in Shiftdesk, worked out from the demo's own
// via types (not from the connector's mapping): a via id beyond Zendesk's documented table cannot
// be mapped and shows as 'other'.

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  email: 'email',
  web: 'web',
  chat: 'chat',
  native_messaging: 'messaging',
  twitter: 'twitter',
  facebook: 'facebook',
  whatsapp: 'whatsapp',
  voice: 'voice',
  api: 'api',
};

export function expectedChannelKind(via: Via): string {
  const wire = via.channel as string | number;
  const id = typeof wire === 'number' ? wire : /^\d+$/.test(wire) ? Number(wire) : null;
  if (id !== null && !DOCUMENTED_VIA_IDS.has(id)) return 'other';
  return KIND_OF_TYPE[viaTypeOf(via.channel) ?? ''] ?? 'other';
}
