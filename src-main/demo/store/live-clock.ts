// Time for live changes: wall-clock time, but never before the anchor (all generated history
// lies before it) and never backwards, so the export streams stay ordered by time.

export class LiveClock {
  private lastSec: number;

  constructor(
    anchorTimeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSec = Math.floor(anchorTimeMs / 1000);
  }

  /** Current time in unix seconds, monotonic. */
  nowSec(): number {
    const wall = Math.floor(this.now() / 1000);
    if (wall > this.lastSec) this.lastSec = wall;
    return this.lastSec;
  }

  /** Current time in ms: wall-clock time, but never before the live stamps already given out. */
  nowMs(): number {
    return Math.max(this.now(), this.nowSec() * 1000);
  }

  /**
   * Current time, but at least `sec + 1`. A ticket's next version uses this so its updated_at
   * always differs from the previous one (a safe_update stamp then names exactly one version);
   * the clock itself moves on, so the streams stay ordered. Bursts run it ahead of wall time.
   */
  nowSecAfter(sec: number): number {
    const now = this.nowSec();
    if (now > sec) return now;
    this.lastSec = sec + 1;
    return this.lastSec;
  }
}
