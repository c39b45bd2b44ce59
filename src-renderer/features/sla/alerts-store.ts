import { create } from 'zustand';
import type { WatchedClock } from './notify-plan';

// In-app alerts for at-risk cases, shown in the status bar when desktop notifications are not
// allowed (not asked yet, refused, unsupported, or Electron). Each stays until opened or dismissed;
// the newest is shown, with how many more wait.

export interface SlaAlert {
  key: string;
  clock: WatchedClock;
}

const MAX_ALERTS = 20;

export const useSlaAlerts = create<{ alerts: SlaAlert[] }>(() => ({ alerts: [] }));

export function pushSlaAlert(alert: SlaAlert): void {
  useSlaAlerts.setState((s) => ({ alerts: [...s.alerts.filter((a) => a.key !== alert.key), alert].slice(-MAX_ALERTS) }));
}

export function dismissSlaAlert(key: string): void {
  useSlaAlerts.setState((s) => ({ alerts: s.alerts.filter((a) => a.key !== key) }));
}
