import { Notification } from 'electron';
import type { ShiftdeskApi, SyncStatusView } from '../../src-shared/contract/api';

// Desktop notifications, shown by main from core events (the page itself may not notify). Later
// features (SLA at risk, a reply on a watched case) add their own watchers beside syncErrors.

export interface NotificationSpec {
  title: string;
  body: string;
  onClick?: () => void;
}

export type Notify = (spec: NotificationSpec) => void;

export const showNotification: Notify = (spec) => {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: spec.title, body: spec.body, silent: false });
  if (spec.onClick) notification.on('click', spec.onClick);
  notification.show();
};

/** Tells once per account when its sync fails, and again only after it recovered and failed anew. */
export function syncErrorWatcher(notify: Notify, onClick?: () => void): (progress: SyncStatusView) => void {
  const shown = new Map<number, string>();
  return (progress) => {
    if (progress.state !== 'error' || !progress.error) {
      shown.delete(progress.accountId);
      return;
    }
    if (shown.get(progress.accountId) === progress.error) return;
    shown.set(progress.accountId, progress.error);
    notify({ title: 'Shiftdesk cannot sync', body: progress.error, ...(onClick ? { onClick } : {}) });
  };
}

export function notifySyncErrors(core: ShiftdeskApi, notify: Notify, onClick?: () => void): () => void {
  return core.on('onSyncProgress', syncErrorWatcher(notify, onClick));
}
