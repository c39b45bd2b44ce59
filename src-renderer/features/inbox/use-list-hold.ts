import { useCallback, useLayoutEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { anchorShift, keepsRowsInPlace, LoadedRows, newAboveCount, rowsInView, type ListAttention, type RowAt } from './list-hold';
import { useSelection } from './selection-store';

export interface ListHold {
  /** Cases that arrived (or moved) above what the agent saw at the top, held out of view. */
  newCount: number;
  /** Scrolls to the top: the held cases come into view. */
  reveal: () => void;
  /** For the element around the list and its bar: where the pointer is. */
  frameHandlers: {
    onPointerEnter: (event: PointerEvent) => void;
    onPointerMove: (event: PointerEvent) => void;
    onPointerLeave: () => void;
  };
}

interface Options {
  scrollRef: RefObject<HTMLElement | null>;
  /** The element as tall as the list: it may grow so a short list can still hold its rows in place. */
  innerRef: RefObject<HTMLElement | null>;
  rowHeight: number;
  loaded: LoadedRows;
  listHash: string;
  /** The row a button is down on, until the click completes. */
  pressedId: number | null;
}

/**
 * Keeps the rows the agent looks at where they are while the list changes above them (the rules
 * are in list-hold.ts): after every render that brought new rows, the list scrolls by exactly as
 * many rows as arrived above the watched row, before anything is painted.
 */
export function useListHold({ scrollRef, innerRef, rowHeight, loaded, listHash, pressedId }: Options): ListHold {
  const [pointerOver, setPointerOver] = useState(false);
  const pointerY = useRef<number | null>(null);
  const keyboardNavigation = useSelection((s) => s.keyboardNavigation);
  const multiSelection = useSelection((s) => s.selectedIds.size > 1);
  const focusedId = useSelection((s) => s.focusedId);
  const [newCount, setNewCount] = useState(0);
  const shownCount = useRef(0);
  const [, setRevealed] = useState(0);
  const previous = useRef<{ listHash: string | null; loaded: LoadedRows }>({ listHash: null, loaded: LoadedRows.EMPTY });
  /** The cases in view the last time the list was at its top. */
  const topSeen = useRef<number[]>([]);
  const listTop = useRef<number | null>(null);

  useLayoutEffect(() => {
    const list = scrollRef.current;
    const inner = innerRef.current;
    if (!list || !inner) return;
    const attention: Omit<ListAttention, 'atTop'> = { pointerOver, pressing: pressedId !== null, keyboardNavigation, multiSelection };
    const before = previous.current;
    previous.current = { listHash, loaded };

    // The list's own top edge moves too when something above it appears or goes (the bulk
    // actions with a second selected row): the rows would move with it.
    const top = list.getBoundingClientRect().top;
    const edgeMoved = listTop.current === null ? 0 : top - listTop.current;
    listTop.current = top;

    if (before.listHash !== listHash) {
      // A different list starts at its top, with nothing held.
      topSeen.current = [];
      inner.style.minHeight = '';
      list.scrollTop = 0;
    } else if ((before.loaded !== loaded || edgeMoved !== 0) && keepsRowsInPlace({ ...attention, atTop: list.scrollTop < 1 })) {
      const watched = before.loaded === loaded ? [] : watchedRows(before.loaded, list, rowHeight, pressedId, pointerOver ? pointerY.current : null, keyboardNavigation ? focusedId : null);
      const shift = anchorShift(watched, loaded) * rowHeight + edgeMoved;
      if (shift !== 0) scrollListTo(list, inner, list.scrollTop + shift);
    }

    // Nothing holds the list any more and the agent still looks at what was its top: show what came.
    const held = newAboveCount(topSeen.current, loaded);
    if (held > 0 && !keepsRowsInPlace({ ...attention, atTop: true }) && Math.abs(list.scrollTop - held * rowHeight) < 1) scrollListTo(list, inner, 0);

    if (list.scrollTop < 1) {
      inner.style.minHeight = '';
      const { last } = rowsInView(0, list.clientHeight, rowHeight);
      const seen: number[] = [];
      for (let index = 0; index <= last; index++) {
        const id = loaded.idAt(index);
        if (id !== undefined) seen.push(id);
      }
      if (seen.length > 0) topSeen.current = seen;
    }
    const count = newAboveCount(topSeen.current, loaded);
    if (count !== shownCount.current) {
      shownCount.current = count;
      setNewCount(count);
    }
  });

  const reveal = useCallback(() => {
    const list = scrollRef.current;
    const inner = innerRef.current;
    if (!list || !inner) return;
    scrollListTo(list, inner, 0);
    list.focus({ preventScroll: true });
    setRevealed((n) => n + 1);
  }, [scrollRef, innerRef]);

  const frameHandlers = useRef({
    onPointerEnter: (event: PointerEvent) => {
      pointerY.current = event.clientY;
      setPointerOver(true);
    },
    onPointerMove: (event: PointerEvent) => {
      pointerY.current = event.clientY;
    },
    onPointerLeave: () => {
      pointerY.current = null;
      setPointerOver(false);
    },
  }).current;

  return { newCount, reveal, frameHandlers };
}

/**
 * The rows whose place on screen matters, most important first: the pressed row, the row under
 * the pointer, the keyboard's row when in view, then every row in view from the top.
 */
function watchedRows(rows: LoadedRows, list: HTMLElement, rowHeight: number, pressedId: number | null, pointerY: number | null, focusedId: number | null): RowAt[] {
  const watched: RowAt[] = [];
  const { first, last } = rowsInView(list.scrollTop, list.clientHeight, rowHeight);
  const add = (id: number | null | undefined, index: number | undefined) => {
    if (id !== null && id !== undefined && index !== undefined) watched.push({ id, index });
  };
  if (pressedId !== null) add(pressedId, rows.indexOf(pressedId));
  if (pointerY !== null) {
    const index = Math.floor((pointerY - list.getBoundingClientRect().top + list.scrollTop) / rowHeight);
    if (index >= first && index <= last) add(rows.idAt(index), index);
  }
  if (focusedId !== null) {
    const index = rows.indexOf(focusedId);
    if (index !== undefined && index >= first && index <= last) add(focusedId, index);
  }
  for (let index = first; index <= last; index++) add(rows.idAt(index), index);
  return watched;
}

/** Scrolls the list, first making it tall enough to scroll that far (a short list would snap back). */
function scrollListTo(list: HTMLElement, inner: HTMLElement, top: number): void {
  const target = Math.max(0, top);
  if (target > list.scrollHeight - list.clientHeight) inner.style.minHeight = `${target + list.clientHeight}px`;
  list.scrollTop = target;
}
