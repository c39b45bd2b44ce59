import { sleep } from '../net/backoff';

/**
 * A token bucket under the helpdesk's update limit (Zendesk: 100 ticket updates a minute per
 * account), so a drained offline queue never earns a wall of 429s.
 */
export class RateBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = Math.max(1, Math.min(perMinute, 10)); // a small burst, not a minute's worth
    this.last = now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.last) / 60_000) * this.perMinute);
    this.last = now;
  }

  /** Waits until one write may go. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perMinute) * 60_000), signal);
    }
  }
}
