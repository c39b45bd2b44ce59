import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { InboxPage, InboxRow } from '../../../src-shared/contract/models';
import { api, inboxKeys, type InboxListKey } from '../../api';

export const PAGE_SIZE = 100;

export interface InboxPages {
  /** Rows in the list, or undefined until the first page answers. */
  total: number | undefined;
  /** The row at an index, or undefined while its page loads. */
  rowAt: (index: number) => InboxRow | undefined;
  /** Case ids of the loaded rows between two indexes (inclusive, either order). */
  idsBetween: (a: number, b: number) => number[];
  error: Error | null;
}

function readPage(client: QueryClient, key: InboxListKey, offset: number): InboxPage | undefined {
  return client.getQueryData<InboxPage>(inboxKeys.page(key, offset));
}

/**
 * The inbox as pages of 100 fetched on demand: only the pages around the visible rows are
 * queried (and so refetched when core reports changes), however long the list is.
 */
export function useInboxPages(key: InboxListKey, firstVisible: number, lastVisible: number): InboxPages {
  const client = useQueryClient();
  const firstPage = Math.floor(Math.max(0, firstVisible) / PAGE_SIZE);
  const lastPage = Math.max(firstPage, Math.floor(Math.max(0, lastVisible) / PAGE_SIZE));
  const offsets: number[] = [];
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

  const rowAt = useCallback(
    (index: number) => {
      const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
      return readPage(client, key, offset)?.rows[index - offset];
    },
    // `results` changes whenever a page lands, which is when rowAt can answer more.
    [client, key, results],
  );

  const idsBetween = useCallback(
    (a: number, b: number) => {
      const ids: number[] = [];
      for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
        const row = rowAt(i);
        if (row) ids.push(row.id);
      }
      return ids;
    },
    [rowAt],
  );

  const error = (results.find((r) => r.error)?.error as Error | undefined) ?? null;
  return { total, rowAt, idsBetween, error };
}
