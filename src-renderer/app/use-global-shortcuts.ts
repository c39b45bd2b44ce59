import { useEffect, useRef } from 'react';
import type { ViewId } from '../../src-shared/domain/views';
import { shouldIgnoreShortcut } from '../ui/keyboard';
import { goToView, useOpenCaseId } from '../features/inbox';
import { closeMacroPalette, isMacroPaletteOpen, openMacroPalette } from '../features/macros';
import { focusSearchBox } from '../features/search';
import { openDialog } from './dialogs-store';

const G_TARGETS: Record<string, ViewId> = { i: 'all_open', u: 'unassigned', a: 'mine' };
/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1500;

/** Ctrl/Cmd+K, by the key's place too (a Korean layout types ㅏ there). */
function isPaletteKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key.toLowerCase() === 'k' || event.code === 'KeyK');
}

/**
 * App-wide keys: `/` search, `?` shortcuts, `g` then i/u/a for views, Ctrl/Cmd+K macros (also
 * while typing: the palette inserts at the composer's caret). (j/k/Enter live with the list.)
 */
export function useGlobalShortcuts(): void {
  const openCaseId = useOpenCaseId();
  const openCaseRef = useRef(openCaseId);
  useEffect(() => {
    openCaseRef.current = openCaseId;
  }, [openCaseId]);
  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isPaletteKey(event) && !event.defaultPrevented) {
        if (isMacroPaletteOpen()) {
          event.preventDefault();
          closeMacroPalette();
          return;
        }
        // Another dialog is in front: it keeps the keyboard.
        if (document.querySelector('dialog[open]') !== null) return;
        event.preventDefault();
        const caseId = openCaseRef.current;
        openMacroPalette(caseId !== null ? { kind: 'case', caseId } : { kind: 'none' });
        return;
      }
      if (shouldIgnoreShortcut(event)) return;
      if (pendingG && Date.now() - pendingG < SEQUENCE_MS) {
        pendingG = 0;
        const view = G_TARGETS[event.key];
        if (view) {
          event.preventDefault();
          goToView(view);
          return;
        }
      }
      pendingG = 0;
      switch (event.key) {
        case '/':
          event.preventDefault();
          focusSearchBox();
          return;
        case '?':
          event.preventDefault();
          openDialog('shortcuts');
          return;
        case 'g':
          pendingG = Date.now();
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
