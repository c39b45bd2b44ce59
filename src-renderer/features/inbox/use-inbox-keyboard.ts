import { useEffect, useRef } from 'react';
import { isInteractive, shouldIgnoreShortcut } from '../../ui/keyboard';
import { setFocusedIndex, setKeyboardNavigation, useSelection } from './selection-store';
import type { InboxRow } from '../../../src-shared/contract/models';
import type { InboxPages } from './use-inbox-pages';

/**
 * j/k (and the arrow keys while the list has focus) move the focused row, Enter/o open it.
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
    const onKeyDown = (event: KeyboardEvent) => {
      if (shouldIgnoreShortcut(event)) return;
      const { pages, scrollToIndex, onRowFocused, openRow } = latest.current;
      const total = pages.total ?? 0;
      if (total === 0) return;
      const inList = listRef.current !== null && listRef.current.contains(document.activeElement);
      const move = (delta: number) => {
        event.preventDefault();
        const next = Math.min(total - 1, Math.max(0, useSelection.getState().focusedIndex + delta));
        setKeyboardNavigation(true);
        setFocusedIndex(next);
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
          const index = useSelection.getState().focusedIndex;
          const row = pages.rowAt(index);
          if (!row) return;
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
