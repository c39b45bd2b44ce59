// Via objects (how a ticket or comment came in), following Zendesk's via object reference:
// e-mail carries from/to addresses, X (Twitter) profile details with rel "direct_message",
// calls the phone numbers with rel "inbound"; agent actions come "web", automations "rule".
import { SUPPORT_ADDRESS, SUPPORT_NAME } from '../constants';
import type { TicketMeta } from './ticket-meta';
import type { Via } from './types';

const SUPPORT_PHONE = '+15550100200';

export function customerVia(meta: TicketMeta): Via {
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  let rel: string | null = null;
  switch (meta.channel) {
    case 'email':
      Object.assign(from, { address: meta.customerEmail, name: meta.customerFullName, original_recipients: [SUPPORT_ADDRESS] });
      Object.assign(to, { address: SUPPORT_ADDRESS, name: SUPPORT_NAME, email_ccs: [] });
      break;
    case 'twitter':
      Object.assign(from, { profile_url: `https://x.com/${meta.customerHandle ?? ''}`, username: meta.customerHandle, name: meta.customerFullName });
      Object.assign(to, { profile_url: 'https://x.com/ShiftdeskHelp', username: 'ShiftdeskHelp', name: SUPPORT_NAME });
      rel = 'direct_message';
      break;
    case 'facebook':
      Object.assign(from, { name: meta.customerFullName });
      Object.assign(to, { name: 'Shiftdesk', profile_url: 'https://www.facebook.com/shiftdesk.example' });
      rel = 'message';
      break;
    case 'whatsapp':
      Object.assign(from, { name: meta.customerFullName, phone: meta.customerPhone });
      Object.assign(to, { phone: SUPPORT_PHONE });
      break;
    case 'voice':
      Object.assign(from, { phone: meta.customerPhone, formatted_phone: meta.customerPhone, name: meta.customerFullName });
      Object.assign(to, { phone: SUPPORT_PHONE, formatted_phone: SUPPORT_PHONE, name: 'Support line' });
      rel = 'inbound';
      break;
    default:
      break;
  }
  return { channel: meta.channel, source: { from, to, rel } };
}

/** Agents working in the agent workspace. */
export function agentVia(): Via {
  return { channel: 'web', source: { from: {}, to: {}, rel: null } };
}

export const CLOSE_AUTOMATION = { id: 360_000_001, title: 'Close ticket 4 days after status is set to solved', deleted: false };

export function automationVia(): Via {
  return { channel: 'rule', source: { from: { ...CLOSE_AUTOMATION }, to: {}, rel: 'automation' } };
}

/** Writes through the REST API (client updates). */
export function apiVia(): Via {
  return { channel: 'api', source: { from: {}, to: {}, rel: null } };
}
