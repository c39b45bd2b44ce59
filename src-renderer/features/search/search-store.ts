import { create } from 'zustand';

interface SearchState {
  /** What is in the box. */
  draft: string;
  /** What was last run (Enter), or null before the first search. */
  submitted: string | null;
  open: boolean;
}

export const useSearch = create<SearchState>(() => ({ draft: '', submitted: null, open: false }));

export function setDraft(draft: string): void {
  useSearch.setState({ draft });
}

export function runSearch(): void {
  const query = useSearch.getState().draft.trim();
  if (query === '') return;
  useSearch.setState({ submitted: query, open: true });
}

export function closeResults(): void {
  useSearch.setState({ open: false });
}

export function reopenResults(): void {
  if (useSearch.getState().submitted !== null) useSearch.setState({ open: true });
}

export const SEARCH_INPUT_ID = 'global-search';

/** `/` from anywhere lands here. */
export function focusSearchBox(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
