import { useEffect, useRef } from 'react';
import { isInteractive, shouldIgnoreShortcut } from '../../ui/keyboard';
import { setFocusedRow, setKeyboardNavigation, useSelection } from './selection-store';
import type { InboxRow } from '../../../src-shared/contract/models';
import type { InboxPages } from './use-inbox-pages';

/**
 * j/k (and the arrow keys while the list has focus) move the focused row, Enter/o open it.
 * Moves count from the focused case wherever it stands now, so cases arriving above it do not
 * make the next j skip or repeat a row.
 * Listens on the document so the keys work wherever the agent is, except while typing or in a dialog.
 */
export function useInboxKeyboard(
  pages: InboxPages,
  listRef: React.RefObject<HTMLElement | null>,
  scrollToIndex: (index: number) => void,
  /** The keyboard rests on this row (it is likely to be opened next). */
  onRowFocused: (row: InboxRow) => void,
  openRow: (row: InboxRow, index: number) => void,
): void {
  // The handler is attached once; it reads the latest list through this ref.
  const latest = useRef({ pages, scrollToIndex, onRowFocused, openRow });
  useEffect(() => {
    latest.current = { pages, scrollToIndex, onRowFocused, openRow };
  });

  useEffect(() => {
    /** Where the focused case is now (or where it was, if it has left the list). */
    const focusedPosition = (p: InboxPages): number => {
      const { focusedId, focusedIndex } = useSelection.getState();
      return (focusedId === null ? undefined : p.loaded.indexOf(focusedId)) ?? focusedIndex;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (shouldIgnoreShortcut(event)) return;
      const { pages, scrollToIndex, onRowFocused, openRow } = latest.current;
      const total = pages.total ?? 0;
      if (total === 0) return;
      const inList = listRef.current !== null && listRef.current.contains(document.activeElement);
      const move = (delta: number) => {
        event.preventDefault();
        const next = Math.min(total - 1, Math.max(0, focusedPosition(pages) + delta));
        setKeyboardNavigation(true);
        // A row not read yet is focused by position; it gets its case when its page lands.
        setFocusedRow(pages.loaded.idAt(next) ?? null, next);
        scrollToIndex(next);
        const row = pages.rowAt(next);
        if (row) onRowFocused(row);
      };
      switch (event.key) {
        case 'j':
          return move(1);
        case 'k':
          return move(-1);
        case 'ArrowDown':
          return inList ? move(1) : undefined;
        case 'ArrowUp':
          return inList ? move(-1) : undefined;
        case 'Home':
          return inList ? move(-total) : undefined;
        case 'End':
          return inList ? move(total) : undefined;
        case 'o':
        case 'Enter': {
          // Enter on a focused button or link belongs to that control.
          if (event.key === 'Enter' && !inList && isInteractive(document.activeElement)) return;
          const { focusedId } = useSelection.getState();
          const index = focusedPosition(pages);
          const row = pages.rowAt(index);
          if (!row || (focusedId !== null && row.id !== focusedId)) return;
          event.preventDefault();
          openRow(row, index);
          return;
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [listRef]);
}
