import type { WireError } from '../../../src-shared/contract/api';
import type { CallMessage, ReplyMessage } from '../../../src-shared/contract/wire';

/** Messages over the MessagePort between a shell and the core worker. */
export type ToCore = CallMessage | { type: 'stop' };

export type FromCore = ReplyMessage | { type: 'ready' } | { type: 'fatal'; error: WireError } | { type: 'stopped' };

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
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { name: error.name, message: error.message, code } : { name: error.name, message: error.message };
}
