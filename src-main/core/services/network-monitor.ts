import { pause, Wakeup, type WakeSource } from '../net/backoff';

export interface NetworkMonitorOptions {
  /** First pause before probing an unreachable helpdesk; pauses double from it… */
  probeMinMs?: number;
  /** …up to this cap. Each pause is drawn in [½, 1] × its nominal length (jitter). */
  probeMaxMs?: number;
  /** A probe that has not answered by then counts as "unreachable". */
  probeTimeoutMs?: number;
  /** A helpdesk may be talked to again: it answered after an outage, or "Work offline" was turned off. */
  onResume?: (key: number) => void;
  random?: () => number;
  now?: () => number;
}

export const PROBE_MIN_MS = 1000;
export const PROBE_MAX_MS = 15_000;
export const PROBE_TIMEOUT_MS = 5000;

/** What the monitor knows about one helpdesk (one account). */
interface Remote {
  reachable: boolean;
  /** When it last answered a request: failures of requests sent before that are stale. */
  lastAnswerAt: number;
  probing: Promise<void> | null;
  /** Cuts the probe loop's pause short (an answer arrived, or "Work offline" was turned off). */
  readonly probeWake: Wakeup;
  /** Rung when requests to it may go out again; retry and follow pauses listen to it. */
  readonly resumed: Wakeup;
}

/**
 * Online / offline (DESIGN §6), per helpdesk (keyed by account id) so one unreachable account does
 * not hold back another. Offline when the agent says so ("Work offline": then nothing, not even a
 * probe, goes out) or when a helpdesk cannot be reached. Every request reports: an answer, whatever
 * its HTTP status, means reachable; a connection-level failure (refused, DNS, reset, timeout) means
 * unreachable at once, unless the request was sent before the latest answer (a stale failure proves
 * nothing). While a helpdesk is unreachable, a probe (one request, short timeout, no retries) runs
 * after pauses of 1 s doubling to 15 s, jittered. Its first answer, from the probe or any other
 * request, brings it back: its `wakeup` ends every sleeping retry and `onResume` runs, so sync and
 * the outbox go on at once. The app shows "online" while every helpdesk is reachable, and names
 * the ones that are not (`unreachable`): an account whose helpdesk answers keeps syncing.
 */
export class NetworkMonitor {
  private forced = false;
  private readonly remotes = new Map<number, Remote>();
  private readonly abort = new AbortController();
  private readonly probeMinMs: number;
  private readonly probeMaxMs: number;
  private readonly probeTimeoutMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly probe: (key: number, signal: AbortSignal) => Promise<boolean>,
    private readonly onChange: () => void,
    private readonly options: NetworkMonitorOptions = {},
  ) {
    this.probeMinMs = options.probeMinMs ?? PROBE_MIN_MS;
    this.probeMaxMs = options.probeMaxMs ?? PROBE_MAX_MS;
    this.probeTimeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Can every helpdesk be reached, as far as we know? (Independent of "Work offline".) */
  get online(): boolean {
    for (const remote of this.remotes.values()) if (!remote.reachable) return false;
    return true;
  }

  /** The helpdesks (account ids) that cannot be reached now, in account order: the others work on. */
  unreachable(): number[] {
    return [...this.remotes].filter(([, remote]) => !remote.reachable).map(([key]) => key).sort((a, b) => a - b);
  }

  /** Can this helpdesk be reached, as far as we know? */
  isReachable(key: number): boolean {
    return this.remotes.get(key)?.reachable ?? true;
  }

  get forcedOffline(): boolean {
    return this.forced;
  }

  /** May the app talk to the network now? */
  mayConnect(): boolean {
    return !this.forced;
  }

  /** Is a probe loop running for this helpdesk? (tests) */
  isProbing(key: number): boolean {
    return (this.remotes.get(key)?.probing ?? null) !== null;
  }

  /** Rung when requests to this helpdesk may go out again: give it to retries and follow pauses. */
  wakeupFor(key: number): WakeSource {
    return this.remote(key).resumed;
  }

  setForcedOffline(offline: boolean): void {
    if (this.forced === offline || this.stopped) return;
    this.forced = offline;
    this.onChange();
    if (offline) return;
    for (const [key, remote] of this.remotes) {
      this.resume(key, remote);
      if (!remote.reachable) {
        remote.probeWake.wake();
        this.startProbing(key, remote, true);
      }
    }
  }

  /** The helpdesk answered a request (any HTTP status). */
  reportReachable(key: number): void {
    if (this.stopped) return;
    const remote = this.remote(key);
    remote.lastAnswerAt = Math.max(remote.lastAnswerAt, this.now());
    if (remote.reachable) return;
    remote.reachable = true;
    remote.probeWake.wake();
    this.onChange();
    if (!this.forced) this.resume(key, remote);
  }

  /** A request to the helpdesk, sent at `sentAt`, failed for lack of a connection. */
  reportUnreachable(key: number, sentAt: number = this.now()): void {
    if (this.stopped) return;
    const remote = this.remote(key);
    if (!remote.reachable || sentAt < remote.lastAnswerAt) return;
    remote.reachable = false;
    this.onChange();
    this.startProbing(key, remote, false);
  }

  /** A request failed for lack of a network (true) or got an answer (false). */
  report(key: number, down: boolean, sentAt?: number): void {
    if (down) this.reportUnreachable(key, sentAt);
    else this.reportReachable(key);
  }

  /** The helpdesk is gone (account removed): forget it, stop probing it. */
  forget(key: number): void {
    const remote = this.remotes.get(key);
    if (!remote) return;
    this.remotes.delete(key);
    remote.probeWake.wake();
    if (!remote.reachable) this.onChange();
  }

  /** The pause before probe number `attempt` (0-based) of an outage. */
  probeDelay(attempt: number): number {
    const nominal = Math.min(this.probeMaxMs, this.probeMinMs * 2 ** Math.min(attempt, 30));
    return Math.round(nominal * (0.5 + 0.5 * this.random()));
  }

  stop(): void {
    this.abort.abort();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private remote(key: number): Remote {
    let remote = this.remotes.get(key);
    if (!remote) {
      remote = { reachable: true, lastAnswerAt: Number.NEGATIVE_INFINITY, probing: null, probeWake: new Wakeup(), resumed: new Wakeup() };
      this.remotes.set(key, remote);
    }
    return remote;
  }

  private resume(key: number, remote: Remote): void {
    remote.resumed.wake();
    this.options.onResume?.(key);
  }

  private shouldProbe(key: number, remote: Remote): boolean {
    return !remote.reachable && !this.forced && !this.stopped && this.remotes.get(key) === remote;
  }

  private startProbing(key: number, remote: Remote, immediately: boolean): void {
    if (!this.shouldProbe(key, remote)) return;
    remote.probing ??= (async () => {
      for (let attempt = 0; this.shouldProbe(key, remote); attempt++) {
        if (!(immediately && attempt === 0)) await pause(this.probeDelay(attempt), this.abort.signal, remote.probeWake.signal).catch(() => undefined);
        if (!this.shouldProbe(key, remote)) break;
        if (await this.probeOnce(key)) this.reportReachable(key);
      }
    })().finally(() => {
      remote.probing = null;
    });
  }

  /** One probe, given `probeTimeoutMs` to answer; a probe that throws says "unreachable". */
  private async probeOnce(key: number): Promise<boolean> {
    const controller = new AbortController();
    let end = () => {};
    const giveUp = new Promise<boolean>((resolve) => {
      end = () => {
        controller.abort(new Error('probe timed out'));
        resolve(false);
      };
    });
    const timer = setTimeout(end, this.probeTimeoutMs);
    this.abort.signal.addEventListener('abort', end, { once: true });
    try {
      return await Promise.race([this.probe(key, controller.signal).catch(() => false), giveUp]);
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener('abort', end);
      controller.abort();
    }
  }
}
