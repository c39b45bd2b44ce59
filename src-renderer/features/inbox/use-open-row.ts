import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { InboxRow } from '../../../src-shared/contract/models';
import { caseDetailQuery, caseKeys, prefetchCaseView } from '../../api';
import { selectAndOpen, selectThenOpen } from './selection-store';

/** How long the case pane keeps the previous case while the next one is read, at most. */
const OPEN_WAIT_MS = 150;

/**
 * Opening a row (click, Enter): a case already in the cache opens at once; otherwise the row is
 * selected now and the case pane switches as soon as the case has been read (it usually has:
 * reading starts on pointer-down).
 */
export function useOpenRow(): (row: InboxRow, index: number) => void {
  const client = useQueryClient();
  return useCallback(
    (row: InboxRow, index: number) => {
      const state = client.getQueryState(caseKeys.detail(row.id));
      if (state?.data !== undefined && !state.isInvalidated) {
        selectAndOpen(row.id, index);
        return;
      }
      prefetchCaseView(client, row.id, row.customer?.id ?? null);
      selectThenOpen(row.id, index, client.fetchQuery(caseDetailQuery(row.id)), OPEN_WAIT_MS);
    },
    [client],
  );
}
