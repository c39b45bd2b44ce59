import type { ShiftdeskApi } from '../../src-shared/contract/api';

declare global {
  interface Window {
    /** Exposed by the Electron preload or the web host's WebSocket bridge; nothing else. */
    shiftdesk?: ShiftdeskApi;
  }
}

/** The one place the renderer reaches the shell (DESIGN §3: only src-renderer/api touches the bridge). */
export function shiftdeskApi(): ShiftdeskApi {
  const api = window.shiftdesk;
  if (!api) throw new Error('Shiftdesk bridge is missing: the renderer must run inside the Electron shell or the web host.');
  return api;
}
