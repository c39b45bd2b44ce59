import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearSelection,
  openCase,
  rangeAnchorId,
  resetListPosition,
  selectAndOpen,
  selectRange,
  selectThenOpen,
  setFocusedRow,
  toggleSelected,
  useSelection,
} from '../../../src-renderer/features/inbox/selection-store';
import { LoadedRows, rangeIds } from '../../../src-renderer/features/inbox/list-hold';

describe('opening a row whose case is still being read', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    selectAndOpen(1, 0);
  });
  afterEach(() => vi.useRealTimers());

  it('selects the row at once and switches the case pane when the case has arrived', async () => {
    let arrive!: () => void;
    selectThenOpen(2, 1, new Promise<void>((resolve) => (arrive = resolve)), 150);
    expect(useSelection.getState()).toMatchObject({ openCaseId: 1, focusedId: 2, focusedIndex: 1, selectedIds: new Set([2]) });
    arrive();
    await vi.advanceTimersByTimeAsync(0);
    expect(useSelection.getState().openCaseId).toBe(2);
  });

  it('switches after the longest wait when the read is slow', async () => {
    selectThenOpen(2, 1, new Promise<void>(() => undefined), 150);
    await vi.advanceTimersByTimeAsync(149);
    expect(useSelection.getState().openCaseId).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(useSelection.getState().openCaseId).toBe(2);
  });

  it('switches when the read fails too (the pane shows the error)', async () => {
    selectThenOpen(2, 1, Promise.reject(new Error('core is gone')), 150);
    await vi.advanceTimersByTimeAsync(0);
    expect(useSelection.getState().openCaseId).toBe(2);
  });

  it('never lets an earlier, slower open override a later one', async () => {
    let arriveFirst!: () => void;
    selectThenOpen(2, 1, new Promise<void>((resolve) => (arriveFirst = resolve)), 150);
    selectThenOpen(3, 2, Promise.resolve(), 150);
    await vi.advanceTimersByTimeAsync(0);
    expect(useSelection.getState().openCaseId).toBe(3);
    arriveFirst();
    await vi.advanceTimersByTimeAsync(200);
    expect(useSelection.getState().openCaseId).toBe(3);
  });

  it('a direct open (search result, previous case) cancels a waiting one', async () => {
    selectThenOpen(2, 1, new Promise<void>(() => undefined), 150);
    openCase(9);
    await vi.advanceTimersByTimeAsync(200);
    expect(useSelection.getState().openCaseId).toBe(9);
  });
});

describe('selection by case id', () => {
  beforeEach(() => resetListPosition());

  it('a click makes the case the anchor, the focus and the only selection', () => {
    selectAndOpen(40, 3);
    expect(useSelection.getState()).toMatchObject({ openCaseId: 40, anchorId: 40, focusedId: 40, focusedIndex: 3, selectedIds: new Set([40]) });
  });

  it('a Shift+click range is the cases between the anchor case and the clicked one, however far the rows moved', () => {
    selectAndOpen(10, 0);
    // Three cases arrived above case 10 before the Shift+click on case 12.
    const shown = new LoadedRows([{ offset: 0, ids: [50, 51, 52, 10, 11, 12, 13], updatedAt: 2 }]);
    selectRange(rangeIds(shown, rangeAnchorId(), 12), 12, 5);
    expect([...useSelection.getState().selectedIds]).toEqual([10, 11, 12]);
    // The anchor stays: a second Shift+click measures from the same case.
    expect(useSelection.getState()).toMatchObject({ anchorId: 10, focusedId: 12 });
    selectRange(rangeIds(shown, rangeAnchorId(), 13), 13, 6);
    expect([...useSelection.getState().selectedIds]).toEqual([10, 11, 12, 13]);
  });

  it('Ctrl+click toggles one case and anchors the next range there', () => {
    selectAndOpen(10, 0);
    toggleSelected(12, 2);
    toggleSelected(10, 0);
    expect([...useSelection.getState().selectedIds]).toEqual([12]);
    expect(rangeAnchorId()).toBe(10);
  });

  it('without a clicked anchor a range starts at the keyboard’s case', () => {
    setFocusedRow(11, 1);
    expect(rangeAnchorId()).toBe(11);
    clearSelection();
    expect(rangeAnchorId()).toBe(11);
  });

  it('a new list forgets positions and ids', () => {
    selectAndOpen(10, 4);
    resetListPosition();
    expect(useSelection.getState()).toMatchObject({ anchorId: null, focusedId: null, focusedIndex: 0, selectedIds: new Set() });
  });
});
