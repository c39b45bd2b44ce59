import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { accountKeys, appKeys, caseKeys, customerKeys, directoryKeys, draftKeys, inboxKeys, networkKeys, outboxKeys, presenceKeys, searchKeys, syncKeys } from './query-keys';

// Query definitions shared by features: one key, one fetch, wherever a query is used.

export const countsQuery = () => queryOptions({ queryKey: inboxKeys.counts(), queryFn: () => api.call('inbox:counts', {}) });

export const directoryQuery = () => queryOptions({ queryKey: directoryKeys.all(), queryFn: () => api.call('directory:get', {}) });

export const caseDetailQuery = (id: number) => queryOptions({ queryKey: caseKeys.detail(id), queryFn: () => api.call('cases:get', { id }) });

export const customerDetailQuery = (id: number) => queryOptions({ queryKey: customerKeys.detail(id), queryFn: () => api.call('customers:get', { id }) });

export const searchQuery = (query: string) =>
  queryOptions({
    queryKey: searchKeys.query(query),
    queryFn: () => api.call('search:query', { query, limit: 20 }),
    // A search is a snapshot the agent asked for; keep a few around for going back and forth.
    gcTime: 60_000,
  });

export const accountsQuery = () => queryOptions({ queryKey: accountKeys.list(), queryFn: () => api.call('accounts:list', {}) });

export const syncStatusQuery = () => queryOptions({ queryKey: syncKeys.status(), queryFn: () => api.call('sync:status', {}) });

/** What an account's sync left out or stored with defaults, newest first; read again whenever it is shown. */
export const recordIssuesQuery = (accountId: number) =>
  queryOptions({ queryKey: syncKeys.recordIssues(accountId), queryFn: () => api.call('sync:recordIssues', { accountId }), staleTime: 0, gcTime: 0 });

/** Every action still in the outbox, oldest first. */
export const outboxListQuery = () => queryOptions({ queryKey: outboxKeys.list(), queryFn: () => api.call('outbox:list', {}) });

/** A case's whole queue against what others did since each action was queued (the conflict dialog). */
export const outboxReviewQuery = (caseId: number) => queryOptions({ queryKey: outboxKeys.review(caseId), queryFn: () => api.call('outbox:review', { caseId }) });

/** The saved draft of a case (null when there is none). */
export const draftQuery = (caseId: number) => queryOptions({ queryKey: draftKeys.detail(caseId), queryFn: () => api.call('drafts:get', { caseId }) });

/** Online / offline and the outbox counts; kept current by `onNetworkStatus` events. */
export const networkStatusQuery = () => queryOptions({ queryKey: networkKeys.status(), queryFn: () => api.call('network:status', {}) });

/** Facts about this run of core (where tokens are kept); they do not change while it runs. */
export const appInfoQuery = () => queryOptions({ queryKey: appKeys.info(), queryFn: () => api.call('app:info', {}) });

/** Who is on which case (others), my status and the broker connection; `caseIds`: only these cases, default all. Kept current by `onPresence`. */
export const presenceQuery = (caseIds?: readonly number[]) =>
  queryOptions({ queryKey: presenceKeys.view(caseIds), queryFn: () => api.call('presence:get', caseIds ? { caseIds: [...caseIds] } : {}) });

/** The presence broker connection; `onPresenceConnection` writes it straight into the cache. */
export const presenceConnectionQuery = () =>
  queryOptions({ queryKey: presenceKeys.connection(), queryFn: () => api.call('presence:get', { caseIds: [] }).then((view) => view.connection) });

/** The presence broker settings, or null when presence is not set up; never the password. Saving updates it (`useSavePresenceSettings`). */
export const presenceSettingsQuery = () => queryOptions({ queryKey: presenceKeys.settings(), queryFn: () => api.call('presence:settings:get', {}) });
