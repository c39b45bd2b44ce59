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
 * are in list-hold.ts): after a render that brought new rows, or that showed or hid the bulk
 * actions above the list, the list scrolls by exactly as much as its rows would have moved, before
 * anything is painted. Other renders (opening a case, scrolling) read no layout: the scroll
 * position and height come from the list's own scroll and resize notifications.
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
  /** The list's scroll position and height as last notified (or set here). */
  const viewport = useRef({ top: 0, height: 0 });
  /** Where the list's top edge was just before the bulk actions appeared or went. */
  const edgeBefore = useRef<number | null>(null);

  // A layout effect, declared first: the position is known before the effect below first runs.
  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    viewport.current = { top: list.scrollTop, height: list.clientHeight };
    const onScroll = () => {
      viewport.current.top = list.scrollTop;
    };
    // Capture: before the virtualizer's own listener renders the rows for the new position.
    list.addEventListener('scroll', onScroll, { capture: true, passive: true });
    const resizes = new ResizeObserver(([entry]) => {
      if (entry) viewport.current.height = entry.contentRect.height;
    });
    resizes.observe(list);
    // Read before React renders the change: the edge as the agent saw it.
    const offSelection = useSelection.subscribe((state, prev) => {
      if (state.selectedIds.size > 1 !== prev.selectedIds.size > 1 && edgeBefore.current === null) edgeBefore.current = list.getBoundingClientRect().top;
    });
    return () => {
      list.removeEventListener('scroll', onScroll, { capture: true });
      resizes.disconnect();
      offSelection();
    };
  }, [scrollRef]);

  useLayoutEffect(() => {
    const list = scrollRef.current;
    const inner = innerRef.current;
    if (!list || !inner) return;
    const scrollTo = (top: number) => {
      viewport.current.top = scrollListTo(list, inner, top);
    };
    const attention: Omit<ListAttention, 'atTop'> = { pointerOver, pressing: pressedId !== null, keyboardNavigation, multiSelection };
    const before = previous.current;
    previous.current = { listHash, loaded };
    const edgeTopBefore = edgeBefore.current;
    edgeBefore.current = null;

    if (before.listHash !== listHash) {
      // A different list starts at its top, with nothing held.
      topSeen.current = [];
      inner.style.minHeight = '';
      scrollTo(0);
    } else if (before.loaded !== loaded || edgeTopBefore !== null) {
      viewport.current.top = list.scrollTop;
      if (keepsRowsInPlace({ ...attention, atTop: viewport.current.top < 1 })) {
        // The bulk actions above the list move its top edge, and every row with it.
        const edgeMoved = edgeTopBefore === null ? 0 : list.getBoundingClientRect().top - edgeTopBefore;
        const watched = before.loaded === loaded ? [] : watchedRows(before.loaded, list, rowHeight, pressedId, pointerOver ? pointerY.current : null, keyboardNavigation ? focusedId : null);
        const shift = anchorShift(watched, loaded) * rowHeight + edgeMoved;
        if (shift !== 0) scrollTo(viewport.current.top + shift);
      }
    }

    // Nothing holds the list any more and the agent still looks at what was its top: show what came.
    const held = newAboveCount(topSeen.current, loaded);
    if (held > 0 && !keepsRowsInPlace({ ...attention, atTop: true }) && Math.abs(viewport.current.top - held * rowHeight) < 1) scrollTo(0);

    if (viewport.current.top < 1) {
      inner.style.minHeight = '';
      const { last } = rowsInView(0, viewport.current.height, rowHeight);
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
    viewport.current.top = scrollListTo(list, inner, 0);
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

/**
 * Scrolls the list, first making it tall enough to scroll that far (a short list would snap
 * back); returns where it went.
 */
function scrollListTo(list: HTMLElement, inner: HTMLElement, top: number): number {
  const target = Math.max(0, top);
  if (target > list.scrollHeight - list.clientHeight) inner.style.minHeight = `${target + list.clientHeight}px`;
  list.scrollTop = target;
  return list.scrollTop;
}
