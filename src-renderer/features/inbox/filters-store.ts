import { create } from 'zustand';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import type { InboxSort, ViewId } from '../../../src-shared/domain/views';

/** What the filter bar shows: one value per control, '' meaning "Any". */
export interface FilterValues {
  status: CaseStatus | '';
  channel: ChannelKind | '';
  priority: CasePriority | '';
  assignee: 'me' | 'none' | number | '';
  groupId: number | '';
  tag: string;
  /** A connected account's id: only its cases. */
  accountId: number | '';
  text: string;
}

export const EMPTY_FILTERS: FilterValues = { status: '', channel: '', priority: '', assignee: '', groupId: '', tag: '', accountId: '', text: '' };

interface FiltersState {
  view: ViewId;
  values: FilterValues;
  sort: InboxSort;
}

// The agent's home is their own queue, which sync fills first (DESIGN §5).
export const useFilters = create<FiltersState>(() => ({ view: 'mine', values: EMPTY_FILTERS, sort: 'newest' }));

export function setView(view: ViewId): void {
  useFilters.setState({ view });
}

export function setFilter<K extends keyof FilterValues>(key: K, value: FilterValues[K]): void {
  useFilters.setState((state) => ({ values: { ...state.values, [key]: value } }));
}

export function clearFilters(): void {
  useFilters.setState({ values: EMPTY_FILTERS });
}

export function setSort(sort: InboxSort): void {
  useFilters.setState({ sort });
}
