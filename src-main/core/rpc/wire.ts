import type { EventName, EventPayloads, MethodId, WireError } from '../../../src-shared/contract/api';

/** Messages over the MessagePort between a shell and the core worker. */
export type ToCore = { type: 'call'; id: number; method: MethodId; input: unknown } | { type: 'stop' };

export type FromCore =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'event'; event: EventName; payload: EventPayloads[EventName] }
  | { type: 'fatal'; error: WireError }
  | { type: 'stopped' };

export interface CoreWorkerData {
  dbPath: string;
  secrets: 'keychain' | 'memory';
  /** Secrets to seed the memory store with (the embedded demo helpdesk's well-known token). */
  seedSecrets?: Record<string, string>;
  nativeBinding?: string;
  followIntervalMs?: number;
  autoSync?: boolean;
}

export function toWireError(error: unknown): WireError {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
