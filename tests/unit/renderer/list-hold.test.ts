import { describe, expect, it } from 'vitest';
import { anchorShift, keepsRowsInPlace, LoadedRows, newAboveCount, rangeIds, rowsInView, type ListAttention } from '../../../src-renderer/features/inbox/list-hold';

/** One page of ids from position 0, read at time 1. */
const list = (...ids: number[]) => new LoadedRows([{ offset: 0, ids, updatedAt: 1 }]);
const IDLE_AT_TOP: ListAttention = { atTop: true, pointerOver: false, pressing: false, keyboardNavigation: false, multiSelection: false };

describe('the rows the renderer holds', () => {
  it('knows each case by position and each position by case', () => {
    const rows = new LoadedRows([
      { offset: 100, ids: [7, 8], updatedAt: 1 },
      { offset: 0, ids: [1, 2, 3], updatedAt: 1 },
    ]);
    expect([rows.idAt(0), rows.idAt(2), rows.idAt(100), rows.idAt(101), rows.idAt(3)]).toEqual([1, 3, 7, 8, undefined]);
    expect([rows.indexOf(3), rows.indexOf(8), rows.indexOf(99)]).toEqual([2, 101, undefined]);
  });

  it('believes the page read last when a refetch has moved a case across a page boundary', () => {
    // Page 1 was read again after an arrival on page 0 pushed case 99 onto it; page 0 is still the old answer.
    const rows = new LoadedRows([
      { offset: 0, ids: [98, 99], updatedAt: 1 },
      { offset: 2, ids: [99, 100], updatedAt: 2 },
    ]);
    expect(rows.indexOf(99)).toBe(2);
  });
});

describe('when arrivals wait above the rows in view', () => {
  it('shows them as they come only at the very top of a list nobody is touching', () => {
    expect(keepsRowsInPlace(IDLE_AT_TOP)).toBe(false);
  });

  it.each([
    ['scrolled down', { atTop: false }],
    ['the pointer is over the list', { pointerOver: true }],
    ['a button is down on a row', { pressing: true }],
    ['the agent moves with j/k', { keyboardNavigation: true }],
    ['a bulk selection is being made', { multiSelection: true }],
  ])('holds them while %s', (_reason, change) => {
    expect(keepsRowsInPlace({ ...IDLE_AT_TOP, ...change })).toBe(true);
  });
});

describe('keeping the watched rows in place', () => {
  it('scrolls by as many rows as arrived above the pressed row', () => {
    const before = list(10, 11, 12, 13, 14, 15);
    const after = list(20, 21, 22, 10, 11, 12, 13, 14, 15);
    // The button went down on case 13, the fourth row.
    const shift = anchorShift([{ id: 13, index: before.indexOf(13)! }, { id: 10, index: 0 }], after);
    expect(shift).toBe(3);
    // After scrolling by that many rows the position under the pointer holds case 13 again.
    expect(after.idAt(3 + shift)).toBe(13);
  });

  it('scrolls back up when cases above leave the list', () => {
    expect(anchorShift([{ id: 14, index: 4 }], list(10, 13, 14, 15))).toBe(-2);
  });

  it('goes by the next watched row when the first has left the list', () => {
    expect(anchorShift([{ id: 12, index: 2 }, { id: 13, index: 3 }], list(30, 10, 11, 13))).toBe(0);
    expect(anchorShift([{ id: 12, index: 2 }, { id: 13, index: 3 }], list(30, 31, 10, 11, 13))).toBe(1);
  });

  it('does not move when none of the watched rows is listed any more', () => {
    expect(anchorShift([{ id: 1, index: 0 }], list(5, 6))).toBe(0);
    expect(anchorShift([], list(5, 6))).toBe(0);
  });
});

describe('counting what waits above', () => {
  it('counts the cases now above everything seen at the top', () => {
    expect(newAboveCount([10, 11, 12], list(30, 31, 32, 10, 11, 12))).toBe(3);
    expect(newAboveCount([10, 11, 12], list(10, 11, 12, 30))).toBe(0);
  });

  it('does not count a case the agent has already seen moving up', () => {
    // Case 12 was in view at the top; an update moved it above 10 and 11.
    expect(newAboveCount([10, 11, 12], list(12, 10, 11))).toBe(0);
  });

  it('does not count the rows below a seen case that moved down', () => {
    expect(newAboveCount([10, 11, 12], list(11, 12, 40, 41, 42, 10))).toBe(0);
  });

  it('still counts when the top case of the seen ones was solved meanwhile', () => {
    expect(newAboveCount([10, 11, 12], list(30, 31, 11, 12))).toBe(2);
  });

  it('counts nothing when none of the seen cases is listed any more (or nothing was seen yet)', () => {
    expect(newAboveCount([10, 11], list(30, 31))).toBe(0);
    expect(newAboveCount([], list(30, 31))).toBe(0);
  });
});

describe('a Shift+click range', () => {
  it('runs from the anchor case to the clicked case as the list shows them, whatever arrived meanwhile', () => {
    // Anchor 10 was clicked at the top; two cases arrived above it before the Shift+click on 13.
    const now = list(30, 31, 10, 11, 12, 13, 14);
    expect(rangeIds(now, 10, 13)).toEqual([10, 11, 12, 13]);
    expect(rangeIds(now, 13, 10)).toEqual([10, 11, 12, 13]);
  });

  it('leaves out rows not read yet', () => {
    const now = new LoadedRows([
      { offset: 0, ids: [1, 2], updatedAt: 1 },
      { offset: 4, ids: [5, 6], updatedAt: 1 },
    ]);
    expect(rangeIds(now, 1, 6)).toEqual([1, 2, 5, 6]);
  });

  it('is just the clicked case without an anchor, or with an anchor no longer listed', () => {
    expect(rangeIds(list(1, 2, 3), null, 2)).toEqual([2]);
    expect(rangeIds(list(1, 2, 3), 99, 2)).toEqual([2]);
  });
});

describe('the rows in view', () => {
  it('are those the viewport overlaps', () => {
    expect(rowsInView(0, 680, 68)).toEqual({ first: 0, last: 9 });
    expect(rowsInView(136, 680, 68)).toEqual({ first: 2, last: 11 });
    expect(rowsInView(100, 100, 68)).toEqual({ first: 1, last: 2 });
  });
});
