// The JSON payloads of presence (docs/presence.md), validated with zod on arrival: anything from
// the broker is untrusted. Payloads never name the agent: the agent is the topic's last level,
// which the broker ACL ties to the publisher's username. Unknown fields are dropped (a newer client
// may add some), so a payload claiming another `agentId` changes nothing.
//
// Every payload carries the publisher's clock (`at`), its connection's session id (`sid`, random
// per connection) and a counter (`seq`, increasing within the session): readers order updates with
// them and drop entries whose heartbeat stopped (see presence-store.ts).
import { z } from 'zod';
import { CASE_STATUSES } from '../../../src-shared/domain/case-fields';
import { AGENT_STATUSES, PRESENCE_ACTIVITIES, type CaseEventKind } from '../../../src-shared/domain/presence';
import { isValidCaseKey } from './topics';

/** Larger payloads are refused before parsing. */
export const MAX_PAYLOAD_BYTES = 4096;

const time = z.number().int().min(0).max(8_640_000_000_000_000);
const sid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const name = z.string().max(200);
const caseKey = z.string().refine(isValidCaseKey, 'invalid case key');

/** `agents/<agentId>/status`: retained. The Last Will is the same payload with `status: 'offline'`. */
export const statusPayloadSchema = z.object({
  status: z.enum(AGENT_STATUSES),
  at: time,
  name,
  sid,
  seq,
  /** The case the agent last entered and has not left. */
  case: caseKey.nullable().default(null),
});
export type StatusPayload = z.infer<typeof statusPayloadSchema>;

/** `cases/<caseKey>/presence/<agentId>`: retained, refreshed by the heartbeat; an empty payload clears it. */
export const presencePayloadSchema = z.object({
  state: z.enum(PRESENCE_ACTIVITIES),
  /** When the agent entered this state (unchanged by heartbeats). */
  since: time,
  at: time,
  name,
  sid,
  seq,
});
export type PresencePayload = z.infer<typeof presencePayloadSchema>;

const eventBase = {
  /** The sender's outbox action id (readers report an action once). */
  actionId: z.string().min(1).max(100),
  at: time,
  name,
  sid,
  /** The helpdesk's version stamp of the case after the change, when known. */
  version: z.string().max(100).optional(),
};

/** `cases/<caseKey>/events/<agentId>`: not retained. */
export const eventPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('replied'), ...eventBase, public: z.boolean().default(true) }),
  z.object({ kind: z.literal('status_changed'), ...eventBase, status: z.enum(CASE_STATUSES) }),
  z.object({ kind: z.literal('assigned'), ...eventBase, assigneeRemoteId: z.string().min(1).max(100).nullable() }),
]);
export type EventPayload = z.infer<typeof eventPayloadSchema>;
export type EventPayloadInput = z.input<typeof eventPayloadSchema>;

// Compile-time check: the event kinds here are exactly the shared vocabulary's.
const KINDS_MATCH: [CaseEventKind, EventPayload['kind']] extends [EventPayload['kind'], CaseEventKind] ? true : never = true;
void KINDS_MATCH;

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

function decodeJson<T>(schema: z.ZodType<T>, payload: Uint8Array): Decoded<T> {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) return { ok: false, reason: `payload of ${payload.byteLength} bytes is larger than ${MAX_PAYLOAD_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, reason: 'not UTF-8 JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  return { ok: true, value: parsed.data };
}

/** A status payload; null for an empty payload (a cleared retained status). */
export function decodeStatus(payload: Uint8Array): Decoded<StatusPayload | null> {
  return payload.byteLength === 0 ? { ok: true, value: null } : decodeJson(statusPayloadSchema, payload);
}

/** A case presence payload; null for an empty payload (the agent left the case). */
export function decodePresence(payload: Uint8Array): Decoded<PresencePayload | null> {
  return payload.byteLength === 0 ? { ok: true, value: null } : decodeJson(presencePayloadSchema, payload);
}

/** A case event. Events are never empty. */
export function decodeEvent(payload: Uint8Array): Decoded<EventPayload> {
  return payload.byteLength === 0 ? { ok: false, reason: 'empty event' } : decodeJson(eventPayloadSchema, payload);
}

export function encodeStatus(payload: StatusPayload): string {
  return JSON.stringify(statusPayloadSchema.parse(payload));
}

export function encodePresence(payload: PresencePayload): string {
  return JSON.stringify(presencePayloadSchema.parse(payload));
}

export function encodeEvent(payload: EventPayloadInput): string {
  return JSON.stringify(eventPayloadSchema.parse(payload));
}
