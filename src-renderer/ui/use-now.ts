import { useSyncExternalStore } from 'react';
import { createTicker } from './ticker';

// The renderer's slow clock: relative times ("waiting 2 h", "synced 3 min ago") re-render every
// 30 s. It fetches nothing; data changes arrive as core events.

const ticker = createTicker(30_000);

/** The current time, refreshed every 30 seconds. */
export function useNow(): number {
  return useSyncExternalStore(ticker.subscribe, ticker.read);
}
