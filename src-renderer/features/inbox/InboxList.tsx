import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow as Row } from '../../../src-shared/contract/models';
import { prefetchCaseView, type InboxListKey } from '../../api';
import { BulkActions } from './BulkActions';
import { InboxRow } from './InboxRow';
import { rangeIds, type LoadedRows } from './list-hold';
import { NewCasesBar } from './NewCasesBar';
import { PlaceholderRow } from './PlaceholderRow';
import { rangeAnchorId, selectRange, setFocusedRow, setKeyboardNavigation, toggleSelected, useSelection } from './selection-store';
import { useInboxKeyboard } from './use-inbox-keyboard';
import { useListHold } from './use-list-hold';
import { useOpenRow } from './use-open-row';
import { ListHeader } from './ListHeader';
import { PAGE_SIZE, useInboxPages } from './use-inbox-pages';

export const ROW_HEIGHT = 68;
const LOADING_ROWS = 12;

/** What a click on a row will do, decided when the button went down on it. */
interface RowPress {
  row: Row;
  index: number;
  action: 'open' | 'toggle' | 'range';
  /** For a Shift+click: the range as the list showed it at that moment. */
  rangeIds: readonly number[];
}

/** Shift: a range from the anchor, as the rows stand now; Ctrl/Cmd: toggle; else open. */
function pressFor(event: MouseEvent, row: Row, index: number, loaded: LoadedRows): RowPress {
  const action = event.shiftKey ? 'range' : event.metaKey || event.ctrlKey ? 'toggle' : 'open';
  return { row, index, action, rangeIds: action === 'range' ? rangeIds(loaded, rangeAnchorId(), row.id) : [] };
}

/**
 * The case list, virtualized: only the rows on screen exist in the DOM and only their pages
 * are fetched, so 100k cases scroll like 100. It holds still under the agent (use-list-hold.ts),
 * and a click acts on the row the button went down on, whatever moved before it came up.
 */
export function InboxList({ listKey, listHash, filtered }: { listKey: InboxListKey; listHash: string; filtered: boolean }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [visiblePages, setVisiblePages] = useState({ first: 0, last: 0 });
  const pages = useInboxPages(listKey, visiblePages.first * PAGE_SIZE, visiblePages.last * PAGE_SIZE);
  const loading = pages.total === undefined;
  const count = pages.total ?? LOADING_ROWS;

  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE_SIZE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE_SIZE);
  useEffect(() => {
    setVisiblePages((prev) => (prev.first === firstPage && prev.last === lastPage ? prev : { first: firstPage, last: lastPage }));
  }, [firstPage, lastPage]);

  const [pressedId, setPressedId] = useState<number | null>(null);
  const hold = useListHold({ scrollRef, innerRef, rowHeight: ROW_HEIGHT, loaded: pages.loaded, listHash, pressedId });

  // The keyboard stays on its case as rows arrive, move or leave: its position follows the case,
  // and when the case has left the list the keyboard takes the row now in its place.
  const focusedId = useSelection((s) => s.focusedId);
  const focusedIndex = useSelection((s) => s.focusedIndex);
  useEffect(() => {
    const total = pages.total;
    if (total === undefined || total === 0) return;
    const at = focusedId === null ? undefined : pages.loaded.indexOf(focusedId);
    if (at !== undefined) {
      if (at !== focusedIndex) setFocusedRow(focusedId, at);
      return;
    }
    const index = Math.min(focusedIndex, total - 1);
    const id = pages.loaded.idAt(index);
    if (id !== undefined) setFocusedRow(id, index);
    else if (index !== focusedIndex) setFocusedRow(focusedId, index);
  }, [pages.loaded, pages.total, focusedId, focusedIndex]);

  const scrollToIndex = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const client = useQueryClient();
  // Reading the case starts on pointer-down or when the keyboard rests on a row, not after the click has rendered.
  const prefetchRow = useCallback((row: Row) => prefetchCaseView(client, row.id, row.customer?.id ?? null), [client]);
  const keyboardNavigation = useSelection((s) => s.keyboardNavigation);
  const openRow = useOpenRow();
  useInboxKeyboard(pages, scrollRef, scrollToIndex, prefetchRow, openRow);

  // Stable across renders (rows are memoized); they read the latest pages through a ref.
  const pagesRef = useRef(pages);
  useLayoutEffect(() => {
    pagesRef.current = pages;
  });
  const act = useCallback(
    (press: RowPress) => {
      const { row } = press;
      const index = pagesRef.current.loaded.indexOf(row.id) ?? press.index;
      if (press.action === 'range') selectRange(press.rangeIds, row.id, index);
      else if (press.action === 'toggle') toggleSelected(row.id, index);
      else openRow(row, index);
      scrollRef.current?.focus({ preventScroll: true });
    },
    [openRow],
  );
  const press = useRef<RowPress | null>(null);
  const onRowPress = useCallback((event: PointerEvent, row: Row, index: number) => {
    if (event.button !== 0) return;
    setKeyboardNavigation(false);
    prefetchRow(row);
    press.current = pressFor(event, row, index, pagesRef.current.loaded);
    setPressedId(row.id);
  }, [prefetchRow]);
  // The button comes up: if over the list, the click is on the row it went down on.
  useEffect(() => {
    const end = (event: globalThis.PointerEvent) => {
      const pressed = press.current;
      if (!pressed) return;
      press.current = null;
      setPressedId(null);
      if (event.type === 'pointerup' && event.target instanceof Node && frameRef.current?.contains(event.target)) act(pressed);
    };
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
  }, [act]);
  // A click no pointer started (a screen reader's, a script's: detail 0) acts on its own row.
  const onRowClick = useCallback((event: MouseEvent, row: Row, index: number) => {
    if (event.detail === 0) act(pressFor(event, row, index, pagesRef.current.loaded));
  }, [act]);

  const focusedAt = focusedId === null ? undefined : pages.loaded.indexOf(focusedId);
  const focusedRendered = focusedAt !== undefined && items.length > 0 && focusedAt >= items[0]!.index && focusedAt <= items[items.length - 1]!.index;
  return (
    <>
      <ListHeader total={pages.total} filtered={filtered} />
      <BulkActions />
      {pages.error && loading ? (
        <p className="inbox-message" role="alert">
          {t('app.loadError', { message: pages.error.message })}
        </p>
      ) : null}
      {pages.total === 0 ? <p className="inbox-message">{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</p> : null}
      <div ref={frameRef} className="inbox-list-frame" {...hold.frameHandlers}>
        <NewCasesBar count={hold.newCount} onReveal={hold.reveal} />
        <div
          ref={scrollRef}
          className="inbox-list"
          role="listbox"
          aria-label={t('inbox.listLabel')}
          aria-multiselectable="true"
          aria-busy={loading}
          data-keyboard-navigation={keyboardNavigation || undefined}
          aria-activedescendant={focusedRendered ? `case-row-${focusedId}` : undefined}
          tabIndex={0}
        >
          <div ref={innerRef} className="inbox-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = loading ? undefined : pages.rowAt(item.index);
              return row ? (
                <InboxRow key={row.id} row={row} index={item.index} total={count} top={item.start} onClick={onRowClick} onPress={onRowPress} />
              ) : (
                <PlaceholderRow key={`placeholder-${item.index}`} top={item.start} focused={!loading && focusedId === null && item.index === focusedIndex} />
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
