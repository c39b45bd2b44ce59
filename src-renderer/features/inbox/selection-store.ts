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
  /** The agent is moving through the list with the keyboard: the focused row is marked. */
  keyboardNavigation: boolean;
}

export const useSelection = create<SelectionState>(() => ({ openCaseId: null, selectedIds: new Set(), anchorIndex: null, focusedIndex: 0, keyboardNavigation: false }));

/** The case shown in the case pane, or null. */
export function useOpenCaseId(): number | null {
  return useSelection((s) => s.openCaseId);
}

/** Bumped by every open, so an open still waiting for its data never overrides a later one. */
let openGeneration = 0;

/** Opens a case in the case pane (from a row, a search result, the customer's history…). */
export function openCase(caseId: number): void {
  openGeneration++;
  useSelection.setState({ openCaseId: caseId });
}

/** Plain click or Enter: this row alone is selected, focused and open. */
export function selectAndOpen(caseId: number, index: number): void {
  openGeneration++;
  useSelection.setState({ openCaseId: caseId, selectedIds: new Set([caseId]), anchorIndex: index, focusedIndex: index });
}

/**
 * Plain click or Enter on a row whose case is still being read: the row is selected at once, and
 * the case pane switches when the case has arrived (or after `maxWaitMs`, showing the previous
 * case dimmed meanwhile). The pane then renders once, with its data, instead of twice.
 */
export function selectThenOpen(caseId: number, index: number, ready: Promise<unknown>, maxWaitMs: number): void {
  const generation = ++openGeneration;
  useSelection.setState({ selectedIds: new Set([caseId]), anchorIndex: index, focusedIndex: index });
  let done = false;
  const open = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (generation === openGeneration) useSelection.setState({ openCaseId: caseId });
  };
  const timer = setTimeout(open, maxWaitMs);
  ready.then(open, open);
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

/** j/k turn the focused-row mark on; a pointer on the list turns it off (the open row is marked anyway). */
export function setKeyboardNavigation(on: boolean): void {
  if (useSelection.getState().keyboardNavigation !== on) useSelection.setState({ keyboardNavigation: on });
}

export function setFocusedIndex(index: number): void {
  useSelection.setState({ focusedIndex: Math.max(0, index) });
}

/** A new view or filter is a new list: positions in the old one mean nothing there. */
export function resetListPosition(): void {
  useSelection.setState({ selectedIds: new Set(), anchorIndex: null, focusedIndex: 0 });
}
