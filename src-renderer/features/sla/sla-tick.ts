import { useSyncExternalStore } from 'react';
import { createTicker } from '../../ui/ticker';

// The SLA countdowns' shared clock: one timer for every badge on screen, ticking once a second
// while at least one badge is shown. A badge subscribes with a snapshot of what it displays (a
// string), so React re-renders it only when that text or state changes: once a minute for "42 min",
// once a second only in a clock's last minute. The list itself never re-renders for the time.

const ticker = createTicker(1000);

/**
 * Something derived from the current time, re-derived every second; the component re-renders only
 * when the derived value changes. `derive` must return a primitive (compared with Object.is).
 */
export function useTicking<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  return useSyncExternalStore(ticker.subscribe, () => derive(ticker.readFresh()));
}
