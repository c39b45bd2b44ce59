// Via ids. Zendesk's via object reference: `channel` is "string or integer": "How the ticket or
// event was created expressed as a via type or via id" ("channel": "rule" or "channel": 8), and
// one crawl of the via types page shows an id as a string ("4"). About 10% of tickets and of
// comments (chosen from the seed and the record's id, so deterministic) carry the id instead of
// the type, a fifth of those as a string. Ids from the via types table; WhatsApp and native
// messaging have none there (the table stops at 41), so they get ids inferred from the order of
// via types (74, 75): ids newer than the documented table, which a client cannot map.
import type { Via, ViaType } from './types';

/** The via id sent for each via type the demo uses. */
export const VIA_IDS: Readonly<Record<ViaType, number>> = {
  web: 0, // web_form
  email: 4, // mail
  api: 5, // web_service
  rule: 8,
  chat: 29,
  twitter: 26, // twitter_dm: the demo's X tickets are direct messages (source.rel "direct_message")
  voice: 34, // phone_call_inbound (source.rel "inbound")
  facebook: 41, // facebook_message (source.rel "message")
  whatsapp: 74, // not in the documented table: inferred, unverified
  native_messaging: 75, // not in the documented table: inferred, unverified
};

/** Via ids of the documented table (0–41) the demo sends; the others are newer than the table. */
export const DOCUMENTED_VIA_IDS: ReadonlySet<number> = new Set([0, 4, 5, 8, 26, 29, 34, 41]);

const TYPE_OF_ID = new Map<number, ViaType>([...Object.entries(VIA_IDS).map(([type, id]) => [id, type as ViaType] as const), [30, 'twitter'], [38, 'facebook'], [35, 'voice'], [33, 'voice']]);

/** The via type a channel stands for, whichever form it takes (undefined: an id the demo does not know). */
export function viaTypeOf(channel: Via['channel']): ViaType | undefined {
  if (typeof channel === 'number') return TYPE_OF_ID.get(channel);
  if (/^\d+$/.test(channel)) return TYPE_OF_ID.get(Number(channel));
  return channel as ViaType;
}

export type ViaRecordKind = 'ticket' | 'comment';

function mix(seed: number, kind: ViaRecordKind, id: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35) ^ (kind === 'ticket' ? 0x27d4eb2f : 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** How the record's via goes on the wire: mostly the type, about 10% the via id (a fifth of those as a string). */
export function wireVia(via: Via, kind: ViaRecordKind, id: number, seed: number): Via {
  const roll = mix(seed, kind, id) % 100;
  if (roll >= 10) return via;
  const type = viaTypeOf(via.channel);
  if (type === undefined) return via;
  const viaId = VIA_IDS[type];
  return { channel: roll < 2 ? `${viaId}` : viaId, source: via.source };
}
