import type { ShiftdeskApi } from '../../src-shared/contract/api';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser served by the web host. */
    shiftdesk?: ShiftdeskApi;
  }
}

let api: ShiftdeskApi | null = null;

/**
 * The one place the renderer reaches the shell (DESIGN §3: only src-renderer/api touches the bridge):
 * the Electron preload's API when present, otherwise a WebSocket bridge to the web host.
 */
export function shiftdeskApi(): ShiftdeskApi {
  api ??= window.shiftdesk ?? createWebBridge();
  return api;
}
