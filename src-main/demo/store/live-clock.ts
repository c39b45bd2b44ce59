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
}
