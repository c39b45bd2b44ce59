import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { inboxKeys } from './query-keys';

/** How many of my cases the SLA watcher reads, those breaching first first. */
export const SLA_WATCH_LIMIT = 200;

/**
 * My open cases, next SLA breach first, for the at-risk notifier. Its key lives under the inbox
 * lists, so every case change core announces refetches it like the list on screen.
 */
export const slaWatchQuery = () =>
  queryOptions({
    queryKey: [...inboxKeys.lists(), 'sla-watch'] as const,
    queryFn: () => api.call('inbox:list', { view: 'mine', filters: {}, sort: 'next_breach', offset: 0, limit: SLA_WATCH_LIMIT }),
  });
