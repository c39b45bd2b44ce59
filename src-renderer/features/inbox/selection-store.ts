import { create } from 'zustand';

// Which cases the agent has selected (for bulk actions), which row the keyboard is on, and
// which case is open in the case pane. Components read single fields with atomic selectors,
// e.g. `useSelection((s) => s.selectedIds.has(id))`, so a row re-renders only when its own
// state changes.

interface SelectionState {
  openCaseId: number | null;
  selectedIds: ReadonlySet<number>;
  /** Where a Shift+click range starts. */
  anchorIndex: number | null;
  focusedIndex: number;
}

export const useSelection = create<SelectionState>(() => ({ openCaseId: null, selectedIds: new Set(), anchorIndex: null, focusedIndex: 0 }));

/** The case shown in the case pane, or null. */
export function useOpenCaseId(): number | null {
  return useSelection((s) => s.openCaseId);
}

/** Opens a case in the case pane (from a row, a search result, the customer's history…). */
export function openCase(caseId: number): void {
  useSelection.setState({ openCaseId: caseId });
}

/** Plain click or Enter: this row alone is selected, focused and open. */
export function selectAndOpen(caseId: number, index: number): void {
  useSelection.setState({ openCaseId: caseId, selectedIds: new Set([caseId]), anchorIndex: index, focusedIndex: index });
}

/** Ctrl/Cmd+click: add or remove one row. */
export function toggleSelected(caseId: number, index: number): void {
  useSelection.setState((state) => {
    const selectedIds = new Set(state.selectedIds);
    if (selectedIds.has(caseId)) selectedIds.delete(caseId);
    else selectedIds.add(caseId);
    return { selectedIds, anchorIndex: index, focusedIndex: index };
  });
}

/** Shift+click: everything from the anchor to this row (the rows loaded so far). */
export function selectRange(ids: readonly number[], index: number): void {
  useSelection.setState({ selectedIds: new Set(ids), focusedIndex: index });
}

export function clearSelection(): void {
  useSelection.setState((state) => ({ selectedIds: state.openCaseId === null ? new Set() : new Set([state.openCaseId]), anchorIndex: null }));
}

export function setFocusedIndex(index: number): void {
  useSelection.setState({ focusedIndex: Math.max(0, index) });
}

/** A new view or filter is a new list: positions in the old one mean nothing there. */
export function resetListPosition(): void {
  useSelection.setState({ selectedIds: new Set(), anchorIndex: null, focusedIndex: 0 });
}
