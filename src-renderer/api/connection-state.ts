import { create } from 'zustand';

// How the renderer reaches core. Inside Electron the bridge is an in-process IPC proxy that is
// always "open"; in a browser it is a WebSocket to the web host that can drop and come back.

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the next reconnect attempt starts (ms epoch), while reconnecting. */
  nextAttemptAt: number | null;
  /** Bumped on every successful reconnect, so caches can refresh what they missed meanwhile. */
  reconnects: number;
  /** Consecutive failed attempts since the connection was last open. */
  failedAttempts: number;
}

export const useConnectionState = create<ConnectionState>(() => ({ status: 'open', nextAttemptAt: null, reconnects: 0, failedAttempts: 0 }));

export function setConnectionState(patch: Partial<ConnectionState>): void {
  useConnectionState.setState(patch);
}
