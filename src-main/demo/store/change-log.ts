// An append-only log of "record X changed at time T", the backbone of the cursor-based
// incremental exports. The generated part is two typed arrays sorted by (time, id); live changes
// are appended with a monotonic clock, so the whole log stays ordered by time. A record appears
// in an export page only at its latest entry, like Zendesk returns each ticket once per change
// window; older entries for the same record are skipped.

export interface LogPage {
  ids: number[];
  /** Position to continue from (the after_cursor). */
  next: number;
  /** True when the page reached the current end of the log. */
  endOfStream: boolean;
}

export class ChangeLog {
  private readonly appendedIds: number[] = [];
  private readonly appendedTimes: number[] = [];
  private readonly latest = new Map<number, number>();

  constructor(
    private readonly baseIds: Uint32Array,
    private readonly baseTimes: Uint32Array,
  ) {}

  get length(): number {
    return this.baseIds.length + this.appendedIds.length;
  }

  idAt(position: number): number {
    const n = this.baseIds.length;
    return position < n ? (this.baseIds[position] as number) : (this.appendedIds[position - n] as number);
  }

  timeAt(position: number): number {
    const n = this.baseIds.length;
    return position < n ? (this.baseTimes[position] as number) : (this.appendedTimes[position - n] as number);
  }

  lastTime(): number {
    return this.length === 0 ? 0 : this.timeAt(this.length - 1);
  }

  append(id: number, time: number): number {
    const position = this.length;
    const monotonic = Math.max(time, this.lastTime());
    this.appendedIds.push(id);
    this.appendedTimes.push(monotonic);
    this.latest.set(id, position);
    return position;
  }

  /** Whether the entry at `position` is the latest one for its record. */
  isCurrent(position: number): boolean {
    const latest = this.latest.get(this.idAt(position));
    return latest === undefined ? position < this.baseIds.length : latest === position;
  }

  /** First position whose time is >= `time`. */
  firstAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Up to `limit` current entries from `from` on; `accept` leaves records out (they still move
   * the position on). With `maxTime` the page stops before the first entry after it (entries are
   * in time order), so a later page returns that entry once it is old enough: the end of the
   * stream is then the last entry at or before `maxTime`.
   */
  page(from: number, limit: number, accept?: (id: number) => boolean, maxTime = Infinity): LogPage {
    const ids: number[] = [];
    let position = Math.min(from, this.length);
    while (position < this.length && ids.length < limit && this.timeAt(position) <= maxTime) {
      if (this.isCurrent(position)) {
        const id = this.idAt(position);
        if (!accept || accept(id)) ids.push(id);
      }
      position++;
    }
    // Step over superseded entries so end_of_stream is exact (they are never returned, at any time).
    while (position < this.length && !this.isCurrent(position)) position++;
    return { ids, next: position, endOfStream: position >= this.length || this.timeAt(position) > maxTime };
  }
}
