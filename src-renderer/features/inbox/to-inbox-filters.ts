import type { InboxFilters } from '../../../src-shared/contract/models';
import type { FilterValues } from './filters-store';

/** The filter bar's single values as the contract's filter lists; "Any" leaves a filter out. */
export function toInboxFilters(values: FilterValues, text: string): InboxFilters {
  const filters: InboxFilters = {};
  if (values.status !== '') filters.status = [values.status];
  if (values.channel !== '') filters.channel = [values.channel];
  if (values.priority !== '') filters.priority = [values.priority];
  if (values.assignee !== '') filters.assignee = [values.assignee];
  if (values.groupId !== '') filters.groupId = [values.groupId];
  if (values.tag !== '') filters.tag = [values.tag];
  if (values.accountId !== '') filters.accountId = [values.accountId];
  if (text.trim() !== '') filters.text = text.trim();
  return filters;
}
