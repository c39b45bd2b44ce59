import type { Session } from 'electron';
import { contentSecurityPolicy } from '../web/security-headers';

// The session behind the window: no permission is ever granted (camera, microphone, location,
// notifications from the page, …: the app needs none; desktop notifications come from main), and
// every response carries the renderer's CSP. The renderer's index.html also has the policy as a
// <meta> tag, because Chromium gives file:// pages no response headers to carry one.

/** The renderer's policy inside Electron: the web host's, with no WebSocket to allow. */
export const ELECTRON_CSP = contentSecurityPolicy([]);

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
}
