import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pause, Wakeup } from '../../../src-main/core/net/backoff';
import { NetworkMonitor, type NetworkMonitorOptions } from '../../../src-main/core/services/network-monitor';

// The network monitor's rules (DESIGN §6), on fake timers: every answer means reachable, a
// connection failure means unreachable at once (unless stale), the probe is one short attempt with a
// capped, jittered backoff, and the first answer resumes everything. "Work offline" sends nothing.

const A = 1; // an account (the monitor keys helpdesks by account id)
const B = 2;

interface Harness {
  monitor: NetworkMonitor;
  /** When each probe ran (of account A). */
  probes: number[];
  /** Which account each probe was for. */
  probed: number[];
  changes: number;
  resumes: number;
  /** What the next probes answer (true = reachable); the last value repeats. */
  answers: (boolean | 'hang')[];
}

function setup(options: NetworkMonitorOptions = {}): Harness {
  const h: Harness = { monitor: undefined as unknown as NetworkMonitor, probes: [], probed: [], changes: 0, resumes: 0, answers: [false] };
  h.monitor = new NetworkMonitor(
    (key, signal) => {
      h.probed.push(key);
      if (key !== A) return Promise.resolve(false);
      h.probes.push(Date.now());
      const answer = h.answers.length > 1 ? h.answers.shift()! : h.answers[0]!;
      if (answer === 'hang') return new Promise<boolean>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      return Promise.resolve(answer);
    },
    () => h.changes++,
    { random: () => 1, onResume: (key) => key === A && h.resumes++, ...options },
  );
  return h;
}

describe('network monitor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts online and goes offline at the first connection failure, without waiting for retries', () => {
    const h = setup();
    expect(h.monitor.online).toBe(true);
    h.monitor.reportUnreachable(A, Date.now());
    expect(h.monitor.online).toBe(false);
    expect(h.changes).toBe(1);
    expect(h.monitor.isProbing(A)).toBe(true);
    // More failures change nothing more.
    h.monitor.reportUnreachable(A, Date.now());
    expect(h.changes).toBe(1);
    h.monitor.stop();
  });

  it('comes back at the first answer of any request, and resumes everything once', () => {
    const h = setup();
    const wakes: number[] = [];
    h.monitor.wakeupFor(A).signal.addEventListener('abort', () => wakes.push(Date.now()));
    h.monitor.reportUnreachable(A);
    h.monitor.reportReachable(A);
    expect(h.monitor.online).toBe(true);
    expect(h.changes).toBe(2);
    expect(h.resumes).toBe(1);
    expect(wakes).toHaveLength(1);
    // Answers while online change nothing.
    h.monitor.reportReachable(A);
    expect([h.changes, h.resumes]).toEqual([2, 1]);
    h.monitor.stop();
  });

  it('ignores a failure of a request sent before the latest answer (stale)', () => {
    const h = setup();
    const sentAt = Date.now();
    vi.advanceTimersByTime(5_000);
    h.monitor.reportReachable(A); // another request answered meanwhile
    h.monitor.reportUnreachable(A, sentAt); // e.g. a timeout of a request sent before that
    expect(h.monitor.online).toBe(true);
    h.monitor.reportUnreachable(A, Date.now()); // a request sent after the answer
    expect(h.monitor.online).toBe(false);
    h.monitor.stop();
  });

  it('probes after 1 s, then with doubling pauses capped at 15 s', async () => {
    const h = setup();
    const start = Date.now();
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(60_000);
    const pauses = h.probes.map((t, i) => t - (i === 0 ? start : h.probes[i - 1]!));
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(h.monitor.online).toBe(false);
    h.monitor.stop();
  });

  it('draws each pause in [½, 1] × its nominal length (jitter)', () => {
    const low = setup({ random: () => 0 }).monitor;
    const high = setup({ random: () => 0.999_999 }).monitor;
    expect([0, 1, 2, 3, 4, 10].map((n) => low.probeDelay(n))).toEqual([500, 1000, 2000, 4000, 7500, 7500]);
    expect([0, 1, 2, 3, 4, 10].map((n) => high.probeDelay(n))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    let i = 0;
    const spread = setup({ random: () => [0.1, 0.9][i++ % 2]! }).monitor;
    expect(spread.probeDelay(2)).not.toBe(spread.probeDelay(2));
  });

  it('comes back when a probe answers, and stops probing', async () => {
    const h = setup();
    h.answers = [false, false, true];
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(h.probes).toHaveLength(2);
    expect(h.monitor.online).toBe(false);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.probes).toHaveLength(3);
    expect(h.monitor.online).toBe(true);
    expect(h.resumes).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.probes).toHaveLength(3);
    expect(h.monitor.isProbing(A)).toBe(false);
    h.monitor.stop();
  });

  it('gives a probe a short timeout: one that hangs counts as unreachable and the next one follows', async () => {
    const h = setup({ probeTimeoutMs: 3000 });
    h.answers = ['hang', 'hang', true];
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000 + 2000); // timed out, then the next pause
    expect(h.probes).toHaveLength(2);
    expect(h.monitor.online).toBe(false);
    await vi.advanceTimersByTimeAsync(3000 + 4000);
    expect(h.probes).toHaveLength(3);
    expect(h.monitor.online).toBe(true);
    h.monitor.stop();
  });

  it('treats a probe that throws as unreachable', async () => {
    let calls = 0;
    const monitor = new NetworkMonitor(
      () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
      () => undefined,
      { random: () => 1 },
    );
    monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
    expect(monitor.online).toBe(false);
    monitor.stop();
  });

  it('an answer from another request ends the probing at once', async () => {
    const h = setup();
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.probes).toHaveLength(1);
    h.monitor.reportReachable(A);
    expect(h.monitor.isProbing(A)).toBe(true); // its pause ends on the next tick
    await vi.advanceTimersByTimeAsync(0);
    expect(h.monitor.isProbing(A)).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.probes).toHaveLength(1);
    h.monitor.stop();
  });

  it('starts a fresh backoff for the next outage', async () => {
    const h = setup();
    h.answers = [false, false, false, true];
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000);
    expect(h.monitor.online).toBe(true);
    h.answers = [true];
    const second = Date.now();
    h.monitor.reportUnreachable(A);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.probes.at(-1)).toBe(second + 1000);
    expect(h.monitor.online).toBe(true);
    h.monitor.stop();
  });

  it('keeps helpdesks apart: one unreachable account neither holds back nor wakes another', async () => {
    const h = setup();
    const wakesOfA: number[] = [];
    h.monitor.wakeupFor(A).signal.addEventListener('abort', () => wakesOfA.push(Date.now()));
    h.monitor.reportUnreachable(B);
    expect(h.monitor.online).toBe(false); // the app says "offline" while any helpdesk is unreachable
    expect(h.monitor.isReachable(A)).toBe(true); // but A's sync and outbox go on
    expect(h.monitor.isReachable(B)).toBe(false);
    expect(h.monitor.unreachable()).toEqual([B]); // the one that is down is named
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.probed).toEqual([B]); // only B is probed
    // An answer from A says nothing about B.
    h.monitor.reportReachable(A);
    expect(h.monitor.isReachable(B)).toBe(false);
    h.monitor.reportReachable(B);
    expect(h.monitor.online).toBe(true);
    expect(h.monitor.unreachable()).toEqual([]);
    expect(wakesOfA).toEqual([]);
    expect(h.resumes).toBe(0); // onResume ran for B only
    h.monitor.stop();
  });

  it('lists every unreachable helpdesk in account order, whatever order they went down in, and not the ones that answered', () => {
    const h = setup();
    const C = 3;
    h.monitor.reportReachable(A);
    h.monitor.reportUnreachable(C);
    h.monitor.reportUnreachable(B);
    expect(h.monitor.unreachable()).toEqual([B, C]);
    expect(h.monitor.isReachable(A)).toBe(true);
    h.monitor.reportReachable(C);
    expect(h.monitor.unreachable()).toEqual([B]);
    // "Work offline" is the agent's choice, not a helpdesk being down: the list stays as it is.
    h.monitor.setForcedOffline(true);
    expect(h.monitor.unreachable()).toEqual([B]);
    h.monitor.forget(B);
    expect(h.monitor.unreachable()).toEqual([]);
    h.monitor.stop();
  });

  it('forgets a removed account: no more probes, and it no longer counts as offline', async () => {
    const h = setup();
    h.monitor.reportUnreachable(B);
    h.monitor.forget(B);
    expect(h.monitor.online).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.probed).toEqual([]);
    expect(h.monitor.isProbing(B)).toBe(false);
    h.monitor.stop();
  });

  describe('work offline (forced)', () => {
    it('sends nothing, not even a probe, and keeps the last known reachability', async () => {
      const h = setup();
      h.monitor.setForcedOffline(true);
      expect(h.monitor.mayConnect()).toBe(false);
      expect(h.monitor.forcedOffline).toBe(true);
      expect(h.changes).toBe(1);
      expect(h.monitor.online).toBe(true);
      // A request that was already on its way fails while offline by choice: still no probe.
      h.monitor.reportUnreachable(A);
      expect(h.monitor.online).toBe(false);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(h.probes).toHaveLength(0);
      expect(h.resumes).toBe(0);
      h.monitor.stop();
    });

    it('stops probing when forced while probing', async () => {
      const h = setup();
      h.monitor.reportUnreachable(A);
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.probes).toHaveLength(1);
      h.monitor.setForcedOffline(true);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(h.probes).toHaveLength(1);
      expect(h.monitor.isProbing(A)).toBe(false);
      h.monitor.stop();
    });

    it('turned off, resumes at once; if the helpdesk was unreachable it probes at once', async () => {
      const h = setup();
      h.monitor.wakeupFor(A); // the account is known (core takes its wake-up when it starts its sync)
      h.monitor.setForcedOffline(true);
      h.monitor.setForcedOffline(false);
      expect(h.monitor.mayConnect()).toBe(true);
      expect(h.resumes).toBe(1);
      expect(h.probes).toHaveLength(0); // reachable as far as we know: sync and the outbox just go

      h.monitor.setForcedOffline(true);
      h.monitor.reportUnreachable(A);
      h.answers = [true];
      const at = Date.now();
      h.monitor.setForcedOffline(false);
      expect(h.resumes).toBe(2);
      await vi.advanceTimersByTimeAsync(0);
      expect(h.probes).toEqual([at]);
      expect(h.monitor.online).toBe(true);
      expect(h.resumes).toBe(3);
      h.monitor.stop();
    });

    it('an answer while forced offline is recorded but resumes nothing', () => {
      const h = setup();
      h.monitor.reportUnreachable(A);
      h.monitor.setForcedOffline(true);
      h.monitor.reportReachable(A);
      expect(h.monitor.online).toBe(true);
      expect(h.resumes).toBe(0);
      h.monitor.stop();
    });
  });

  it('reports nothing after stop', async () => {
    const h = setup();
    h.monitor.stop();
    h.monitor.reportUnreachable(A);
    h.monitor.setForcedOffline(true);
    expect(h.changes).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.probes).toHaveLength(0);
  });
});

describe('pause and Wakeup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends every pause listening to a wake-up, not later ones', async () => {
    const wakeup = new Wakeup();
    const done: string[] = [];
    void pause(60_000, undefined, wakeup.signal).then(() => done.push('a'));
    void pause(60_000, undefined, wakeup.signal).then(() => done.push('b'));
    wakeup.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual(['a', 'b']);
    void pause(1000, undefined, wakeup.signal).then(() => done.push('c'));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('still rejects when its own signal aborts', async () => {
    const wakeup = new Wakeup();
    const stop = new AbortController();
    const paused = pause(60_000, stop.signal, wakeup.signal);
    stop.abort(new Error('stopped'));
    await expect(paused).rejects.toThrow('stopped');
  });
});
