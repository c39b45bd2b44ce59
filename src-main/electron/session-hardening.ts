import type { Session } from 'electron';
import { contentSecurityPolicy } from '../web/security-headers';

// The session behind the window: no permission is ever granted (camera, microphone, location, …:
// the app needs none), except desktop notifications for the app's own page itself (the SLA
// at-risk notices, issue 7) — never for a frame inside it (customer e-mails are sandboxed frames)
// nor any other URL. Every response carries the renderer's CSP. The renderer's index.html also has the policy as a
// <meta> tag, because Chromium gives file:// pages no response headers to carry one.

/** The renderer's policy inside Electron: the web host's, with no WebSocket to allow. */
export const ELECTRON_CSP = contentSecurityPolicy([]);

/** Only the app's own page (its exact file URL, query and hash aside) may show notifications. */
export function mayNotify(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined, rendererUrl: string | null): boolean {
  if (permission !== 'notifications' || rendererUrl === null || isMainFrame === false || !requestingUrl) return false;
  return requestingUrl.split(/[?#]/)[0] === rendererUrl;
}

export function hardenSession(session: Session, rendererUrl: string | null = null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(mayNotify(permission, details.requestingUrl, details.isMainFrame, rendererUrl)));
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => mayNotify(permission, details.requestingUrl, details.isMainFrame, rendererUrl));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
}
