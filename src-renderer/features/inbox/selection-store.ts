import { create } from 'zustand';

// Which cases the agent has selected (for bulk actions), which row the keyboard is on, and
// which case is open in the case pane. Everything is held by case id, never by position: cases
// arrive and move while the agent works, and a position would then name another case.
// Components read single fields with atomic selectors, e.g.
// `useSelection((s) => s.selectedIds.has(id))`, so a row re-renders only when its own state changes.

interface SelectionState {
  openCaseId: number | null;
  selectedIds: ReadonlySet<number>;
  /** The case a Shift+click range starts from. */
  anchorId: number | null;
  /** The case the keyboard is on; null until a row of the list has been read there. */
  focusedId: number | null;
  /** Where the focused case was last seen: j/k go on from here when it has left the list. */
  focusedIndex: number;
  /** The agent is moving through the list with the keyboard: the focused row is marked. */
  keyboardNavigation: boolean;
}

export const useSelection = create<SelectionState>(() => ({
  openCaseId: null,
  selectedIds: new Set(),
  anchorId: null,
  focusedId: null,
  focusedIndex: 0,
  keyboardNavigation: false,
}));

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
  useSelection.setState({ openCaseId: caseId, selectedIds: new Set([caseId]), anchorId: caseId, focusedId: caseId, focusedIndex: index });
}

/**
 * Plain click or Enter on a row whose case is still being read: the row is selected at once, and
 * the case pane switches when the case has arrived (or after `maxWaitMs`, showing the previous
 * case dimmed meanwhile). The pane then renders once, with its data, instead of twice.
 */
export function selectThenOpen(caseId: number, index: number, ready: Promise<unknown>, maxWaitMs: number): void {
  const generation = ++openGeneration;
  useSelection.setState({ selectedIds: new Set([caseId]), anchorId: caseId, focusedId: caseId, focusedIndex: index });
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

/** Ctrl/Cmd+click: add or remove one row; it becomes the anchor of the next Shift+click. */
export function toggleSelected(caseId: number, index: number): void {
  useSelection.setState((state) => {
    const selectedIds = new Set(state.selectedIds);
    if (selectedIds.has(caseId)) selectedIds.delete(caseId);
    else selectedIds.add(caseId);
    return { selectedIds, anchorId: caseId, focusedId: caseId, focusedIndex: index };
  });
}

/** Shift+click: exactly these cases (the range as the list showed it), focused on the clicked one. */
export function selectRange(ids: readonly number[], caseId: number, index: number): void {
  useSelection.setState({ selectedIds: new Set(ids), focusedId: caseId, focusedIndex: index });
}

/** Where a Shift+click range starts: the last row clicked, else the focused one. */
export function rangeAnchorId(): number | null {
  const { anchorId, focusedId } = useSelection.getState();
  return anchorId ?? focusedId;
}

export function clearSelection(): void {
  useSelection.setState((state) => ({ selectedIds: state.openCaseId === null ? new Set() : new Set([state.openCaseId]), anchorId: null }));
}

/** j/k turn the focused-row mark on; a pointer on the list turns it off (the open row is marked anyway). */
export function setKeyboardNavigation(on: boolean): void {
  if (useSelection.getState().keyboardNavigation !== on) useSelection.setState({ keyboardNavigation: on });
}

/** The keyboard is on this case (null: on whatever row is read at `index`). */
export function setFocusedRow(caseId: number | null, index: number): void {
  const state = useSelection.getState();
  const focusedIndex = Math.max(0, index);
  if (state.focusedId !== caseId || state.focusedIndex !== focusedIndex) useSelection.setState({ focusedId: caseId, focusedIndex });
}

/** A new view or filter is a new list: its keyboard position starts at the top. */
export function resetListPosition(): void {
  useSelection.setState({ selectedIds: new Set(), anchorId: null, focusedId: null, focusedIndex: 0 });
}
