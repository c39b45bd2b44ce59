import type { EventName, EventPayloads, MethodId, WireError } from './api';

// Messages that carry the contract across a process boundary: shell ↔ core worker (MessagePort)
// and renderer ↔ web host (WebSocket) use the same shapes.

export type CallMessage = { type: 'call'; id: number; method: MethodId; input: unknown };

export type ReplyMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'event'; event: EventName; payload: EventPayloads[EventName] };
