import { z } from 'zod';
import { isMethodId, type MethodId } from '../../src-shared/contract/api';
import type { CallMessage, ReplyMessage } from '../../src-shared/contract/wire';

// What a browser may send over the WebSocket: a contract CallMessage, nothing else. The shape and
// the method id are checked here; the input is validated by core against the method's schema.

const callMessageSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().refine(isMethodId, { message: 'unknown method' }),
    input: z.unknown(),
  })
  .strict();

export const INVALID_MESSAGE = 'InvalidMessageError';

export type ParsedMessage = { ok: true; call: CallMessage } | { ok: false; reply: ReplyMessage };

/** The call a frame carries, or the error reply it earns. */
export function parseCallMessage(data: string): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return invalid(0, 'the message is not JSON');
  }
  const parsed = callMessageSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
    return invalid(replyIdOf(json), detail);
  }
  return { ok: true, call: { ...parsed.data, method: parsed.data.method as MethodId } };
}

export function invalid(id: number, detail: string): { ok: false; reply: ReplyMessage } {
  return { ok: false, reply: { type: 'error', id, error: { name: INVALID_MESSAGE, message: `Invalid message: ${detail}` } } };
}

/** The id to answer a malformed message with, so the caller can match the error; 0 when it has none. */
function replyIdOf(json: unknown): number {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}
