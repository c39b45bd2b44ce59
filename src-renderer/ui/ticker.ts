// A shared clock for components: one interval per period, running only while something listens.
// useNow (relative times, every 30 s) and the SLA countdowns (every second) each have one.

export interface Ticker {
  subscribe(callback: () => void): () => void;
  /** The time of the last tick: stable between ticks (what useSyncExternalStore needs of a raw time). */
  read(): number;
  /** The same, but the actual time while nothing listens yet, so a first subscriber is never stale (for derived values). */
  readFresh(): number;
}

export function createTicker(periodMs: number): Ticker {
  let now = Date.now();
  const subscribers = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    subscribe(callback) {
      subscribers.add(callback);
      if (timer === null) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const notify of subscribers) notify();
        }, periodMs);
      }
      return () => {
        subscribers.delete(callback);
        if (subscribers.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    read() {
      return now;
    },
    readFresh() {
      if (timer === null) now = Date.now();
      return now;
    },
  };
}
