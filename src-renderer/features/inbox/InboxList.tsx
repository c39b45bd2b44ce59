import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow as Row } from '../../../src-shared/contract/models';
import { prefetchCaseView, type InboxListKey } from '../../api';
import { BulkActions } from './BulkActions';
import { InboxRow } from './InboxRow';
import { PlaceholderRow } from './PlaceholderRow';
import { selectRange, setFocusedIndex, setKeyboardNavigation, toggleSelected, useSelection } from './selection-store';
import { useInboxKeyboard } from './use-inbox-keyboard';
import { useOpenRow } from './use-open-row';
import { ListHeader } from './ListHeader';
import { PAGE_SIZE, useInboxPages } from './use-inbox-pages';

export const ROW_HEIGHT = 68;
const LOADING_ROWS = 12;

/**
 * The case list, virtualized: only the rows on screen exist in the DOM and only their pages
 * are fetched, so 100k cases scroll like 100.
 */
export function InboxList({ listKey, listHash, filtered }: { listKey: InboxListKey; listHash: string; filtered: boolean }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
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

  // A different list starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listHash]);

  // Keep the focused row inside the list when the list shrinks.
  const focusedIndex = useSelection((s) => s.focusedIndex);
  useEffect(() => {
    if (pages.total !== undefined && pages.total > 0 && focusedIndex >= pages.total) setFocusedIndex(pages.total - 1);
  }, [pages.total, focusedIndex]);

  const scrollToIndex = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const client = useQueryClient();
  // Reading the case starts on pointer-down or when the keyboard rests on a row, not after the click has rendered.
  const onRowPress = useCallback(
    (row: Row) => {
      setKeyboardNavigation(false);
      prefetchCaseView(client, row.id, row.customer?.id ?? null);
    },
    [client],
  );
  const keyboardNavigation = useSelection((s) => s.keyboardNavigation);
  const openRow = useOpenRow();
  useInboxKeyboard(pages, scrollRef, scrollToIndex, onRowPress, openRow);

  // Stable across renders (rows are memoized); it reads the latest pages through a ref.
  const pagesRef = useRef(pages);
  useLayoutEffect(() => {
    pagesRef.current = pages;
  });
  const onRowClick = useCallback((event: MouseEvent, row: Row, index: number) => {
    if (event.shiftKey) {
      const anchor = useSelection.getState().anchorIndex ?? useSelection.getState().focusedIndex;
      selectRange(pagesRef.current.idsBetween(anchor, index), index);
    } else if (event.metaKey || event.ctrlKey) {
      toggleSelected(row.id, index);
    } else {
      openRow(row, index);
    }
    scrollRef.current?.focus({ preventScroll: true });
  }, [openRow]);

  const focusedRow = pages.rowAt(focusedIndex);
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
    <div
      ref={scrollRef}
      className="inbox-list"
      role="listbox"
      aria-label={t('inbox.listLabel')}
      aria-multiselectable="true"
      aria-busy={loading}
      data-keyboard-navigation={keyboardNavigation || undefined}
      aria-activedescendant={focusedRow ? `case-row-${focusedRow.id}` : undefined}
      tabIndex={0}
    >
      <div className="inbox-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = loading ? undefined : pages.rowAt(item.index);
          return row ? (
            <InboxRow key={row.id} row={row} index={item.index} total={count} top={item.start} onClick={onRowClick} onPress={onRowPress} />
          ) : (
            <PlaceholderRow key={`placeholder-${item.index}`} top={item.start} focused={!loading && item.index === focusedIndex} />
          );
        })}
      </div>
    </div>
    </>
  );
}
