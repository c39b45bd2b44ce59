import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { InboxPage, InboxRow } from '../../../src-shared/contract/models';
import { api, inboxKeys, type InboxListKey } from '../../api';
import { LoadedRows, type LoadedPage } from './list-hold';

export const PAGE_SIZE = 100;

export interface InboxPages {
  /** Rows in the list, or undefined until the first page answers. */
  total: number | undefined;
  /** The row at an index, or undefined while its page loads. */
  rowAt: (index: number) => InboxRow | undefined;
  /** The ids of the rows read now, by position (a new object whenever a page lands). */
  loaded: LoadedRows;
  error: Error | null;
}

function readPage(client: QueryClient, key: InboxListKey, offset: number): InboxPage | undefined {
  return client.getQueryData<InboxPage>(inboxKeys.page(key, offset));
}

/**
 * The inbox as pages of 100 fetched on demand: only the pages around the visible rows are
 * queried (and so refetched when core reports changes), however long the list is. The first page
 * is always kept too: it tells what arrived at the top while the agent is further down.
 */
export function useInboxPages(key: InboxListKey, firstVisible: number, lastVisible: number): InboxPages {
  const client = useQueryClient();
  const firstPage = Math.floor(Math.max(0, firstVisible) / PAGE_SIZE);
  const lastPage = Math.max(firstPage, Math.floor(Math.max(0, lastVisible) / PAGE_SIZE));
  const offsets: number[] = firstPage > 0 ? [0] : [];
  for (let page = firstPage; page <= lastPage; page++) offsets.push(page * PAGE_SIZE);

  const results = useQueries({
    queries: offsets.map((offset) => ({
      queryKey: inboxKeys.page(key, offset),
      queryFn: () => api.call('inbox:list', { ...key, offset, limit: PAGE_SIZE }),
    })),
  });

  // The total of a list survives scrolling to pages that have not answered yet.
  const totals = useRef(new Map<string, number>());
  const listHash = JSON.stringify(key);
  const answered = results.find((r) => r.data !== undefined)?.data;
  if (answered) totals.current.set(listHash, answered.total);
  const total = answered?.total ?? totals.current.get(listHash);

  // A new LoadedRows only when a page's data changed (react-query keeps unchanged data identical).
  const loadedCache = useRef<{ data: readonly (InboxPage | undefined)[]; loaded: LoadedRows }>({ data: [], loaded: LoadedRows.EMPTY });
  const data = results.map((r) => r.data);
  const cached = loadedCache.current;
  if (data.length !== cached.data.length || data.some((d, i) => d !== cached.data[i])) {
    const pages: LoadedPage[] = [];
    results.forEach((r, i) => {
      if (r.data) pages.push({ offset: offsets[i]!, ids: r.data.rows.map((row) => row.id), updatedAt: r.dataUpdatedAt });
    });
    loadedCache.current = { data, loaded: new LoadedRows(pages) };
  }
  const loaded = loadedCache.current.loaded;

  const rowAt = useCallback(
    (index: number) => {
      const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
      return readPage(client, key, offset)?.rows[index - offset];
    },
    // `loaded` changes whenever a page lands, which is when rowAt can answer more.
    [client, key, loaded],
  );

  const error = (results.find((r) => r.error)?.error as Error | undefined) ?? null;
  return { total, rowAt, loaded, error };
}
