import { sleep } from '../net/backoff';

/**
 * Online / offline for the whole app: offline when the agent says so ("Work offline") or when
 * requests fail for lack of a network; while offline by failure, a probe tries the helpdesk with
 * growing pauses and brings the app back online by itself.
 */
export class NetworkMonitor {
  private forced = false;
  private reachable = true;
  private probing: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly probe: () => Promise<boolean>,
    private readonly onChange: () => void,
    private readonly probeIntervalMs: { min: number; max: number } = { min: 2000, max: 30_000 },
  ) {}

  get online(): boolean {
    return this.reachable;
  }

  get forcedOffline(): boolean {
    return this.forced;
  }

  /** May the app talk to the network now? */
  mayConnect(): boolean {
    return !this.forced;
  }

  setForcedOffline(offline: boolean): void {
    if (this.forced === offline) return;
    this.forced = offline;
    this.onChange();
    if (!offline && !this.reachable) this.startProbing();
  }

  /** A request failed for lack of a network (true) or worked (false). */
  report(down: boolean): void {
    if (down === !this.reachable) return;
    this.reachable = !down;
    this.onChange();
    if (down) this.startProbing();
  }

  stop(): void {
    this.abort.abort();
  }

  private startProbing(): void {
    this.probing ??= (async () => {
      let pause = this.probeIntervalMs.min;
      while (!this.reachable && !this.abort.signal.aborted) {
        await sleep(pause, this.abort.signal).catch(() => undefined);
        if (this.forced || this.abort.signal.aborted) continue;
        if (await this.probe().catch(() => false)) this.report(false);
        pause = Math.min(this.probeIntervalMs.max, pause * 2);
      }
    })().finally(() => (this.probing = null));
  }
}
