import { useMemo } from 'react';
import type { InboxListKey } from '../../api';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { useFilters } from './filters-store';
import { toInboxFilters } from './to-inbox-filters';

/** The list the inbox shows now: view, filters (text debounced while typing) and sort. */
export function useInboxListKey(): { key: InboxListKey; hash: string; filtered: boolean } {
  const view = useFilters((s) => s.view);
  const values = useFilters((s) => s.values);
  const sort = useFilters((s) => s.sort);
  const text = useDebouncedValue(values.text, 250);
  return useMemo(() => {
    const filters = toInboxFilters(values, text);
    const key: InboxListKey = { view, filters, sort };
    return { key, hash: JSON.stringify(key), filtered: Object.keys(filters).length > 0 };
  }, [view, values, sort, text]);
}
