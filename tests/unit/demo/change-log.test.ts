import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../src-main/demo/store/change-log';

function log(): ChangeLog {
  // ids 1..5 at times 10, 10, 20, 30, 30
  return new ChangeLog(Uint32Array.from([1, 2, 3, 4, 5]), Uint32Array.from([10, 10, 20, 30, 30]));
}

describe('change log', () => {
  it('pages in order and reports the end of the stream', () => {
    const l = log();
    const first = l.page(l.firstAtOrAfter(0), 2);
    expect(first).toEqual({ ids: [1, 2], next: 2, endOfStream: false });
    const second = l.page(first.next, 10);
    expect(second).toEqual({ ids: [3, 4, 5], next: 5, endOfStream: true });
    expect(l.page(second.next, 10)).toEqual({ ids: [], next: 5, endOfStream: true });
  });

  it('stops before entries newer than maxTime, and picks them up on a later page', () => {
    const l = log();
    l.append(3, 40); // ticket 3 changes again, within the lag
    l.append(6, 41);
    const now = l.page(0, 10, undefined, 39);
    // 3's old entry is superseded and its new one too young: it waits, nothing is skipped.
    expect(now).toEqual({ ids: [1, 2, 4, 5], next: 5, endOfStream: true });
    expect(l.page(now.next, 10, undefined, 40)).toEqual({ ids: [3], next: 6, endOfStream: true });
    expect(l.page(now.next, 10, undefined, 41)).toEqual({ ids: [3, 6], next: 7, endOfStream: true });
    expect(l.page(0, 10, (id) => id !== 4, 30)).toEqual({ ids: [1, 2, 5], next: 5, endOfStream: true });
  });

  it('finds the first entry at or after a time', () => {
    const l = log();
    expect(l.firstAtOrAfter(10)).toBe(0);
    expect(l.firstAtOrAfter(11)).toBe(2);
    expect(l.firstAtOrAfter(31)).toBe(5);
  });

  it('shows a changed record only at its latest entry', () => {
    const l = log();
    l.append(2, 40);
    l.append(6, 41);
    l.append(2, 42);
    expect(l.page(0, 100).ids).toEqual([1, 3, 4, 5, 6, 2]);
    // A client that had read everything before the changes sees exactly the changed records.
    expect(l.page(5, 100)).toEqual({ ids: [6, 2], next: 8, endOfStream: true });
  });

  it('keeps appended times monotonic', () => {
    const l = log();
    l.append(1, 5);
    expect(l.timeAt(5)).toBe(30);
  });
});
