import { create } from 'zustand';

// Desktop notifications through the web Notification API, in the browser (web host) and in
// Electron's renderer alike. Electron's session refuses every permission (src-main/electron/
// session-hardening.ts), so there `Notification.permission` reads "denied" and alerts show inside
// the status bar instead (SlaAlerts); the shell's own notifications module is main-side and not
// exposed to the page.

export type DesktopPermission = NotificationPermission | 'unsupported';

function currentPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The permission as last seen; Settings and the toasts follow it. */
export const useDesktopPermission = create<{ permission: DesktopPermission }>(() => ({ permission: currentPermission() }));

/** Reads the permission again (the agent may have changed it in the browser's site settings). */
export function refreshDesktopPermission(): DesktopPermission {
  const permission = currentPermission();
  if (useDesktopPermission.getState().permission !== permission) useDesktopPermission.setState({ permission });
  return permission;
}

/** Asks for the permission: call it from a click (browsers ignore requests without a user gesture). */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    await Notification.requestPermission();
  } catch {
    // Old callback-only implementations: the permission is read below either way.
  }
  return refreshDesktopPermission();
}

export interface DesktopNotice {
  title: string;
  body: string;
  /** Same tag, one notification: two windows telling the same thing show it once. */
  tag: string;
  onClick: () => void;
}

/** Shows a desktop notification if allowed; false when it could not (then the caller shows an in-app alert). */
export function showDesktopNotification(notice: DesktopNotice): boolean {
  if (refreshDesktopPermission() !== 'granted') return false;
  try {
    const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
    notification.onclick = () => {
      window.focus();
      notice.onClick();
      notification.close();
    };
    return true;
  } catch {
    // e.g. Chrome on Android allows notifications only from a service worker.
    return false;
  }
}
