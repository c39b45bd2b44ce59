import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCase, selectAndOpen, selectThenOpen, useSelection } from '../../../src-renderer/features/inbox/selection-store';

describe('opening a row whose case is still being read', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    selectAndOpen(1, 0);
  });
  afterEach(() => vi.useRealTimers());

  it('selects the row at once and switches the case pane when the case has arrived', async () => {
    let arrive!: () => void;
    selectThenOpen(2, 1, new Promise<void>((resolve) => (arrive = resolve)), 150);
    expect(useSelection.getState()).toMatchObject({ openCaseId: 1, focusedIndex: 1, selectedIds: new Set([2]) });
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
