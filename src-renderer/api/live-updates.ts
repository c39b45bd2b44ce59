import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent, SyncStatusView } from '../../src-shared/contract/api';
import { api } from './client';
import { useConnectionState } from './connection-state';
import { accountKeys, caseKeys, customerKeys, directoryKeys, inboxKeys, syncKeys } from './query-keys';

// The renderer's ONE subscription to core's events. Core says what changed (entity kinds and
// ids); we invalidate exactly the affected queries, so nothing in the renderer ever polls.
// An empty id list means core did not say which (e.g. a removed account): the whole family.

export function invalidateForChange(client: QueryClient, change: ChangeEvent): void {
  const kinds = new Set(change.kinds);
  const invalidate = (queryKey: readonly unknown[]) => void client.invalidateQueries({ queryKey });
  if (kinds.has('cases') || kinds.has('messages')) invalidate(inboxKeys.lists());
  if (kinds.has('cases')) invalidate(inboxKeys.counts());
  if (kinds.has('cases') || kinds.has('messages')) {
    if (change.caseIds.length === 0) invalidate(caseKeys.all);
    else for (const id of change.caseIds) invalidate(caseKeys.detail(id));
  }
  if (kinds.has('customers')) {
    if (change.customerIds.length === 0) invalidate(customerKeys.all);
    else for (const id of change.customerIds) invalidate(customerKeys.detail(id));
  }
  if (kinds.has('accounts')) {
    invalidate(accountKeys.list());
    invalidate(syncKeys.status());
  }
  if (kinds.has('directory')) invalidate(directoryKeys.all());
}

/** Progress events carry the whole status of one account: write it straight into the cache. */
export function applySyncProgress(client: QueryClient, progress: SyncStatusView): void {
  client.setQueryData<SyncStatusView[]>(syncKeys.status(), (current) => {
    if (!current) return current; // the first fetch brings every account
    const index = current.findIndex((s) => s.accountId === progress.accountId);
    if (index === -1) return [...current, progress];
    const next = current.slice();
    next[index] = progress;
    return next;
  });
}

/** Starts listening; returns the function that stops it. */
export function subscribeToCoreEvents(client: QueryClient): () => void {
  const offChange = api.on('onChange', (change) => invalidateForChange(client, change));
  const offProgress = api.on('onSyncProgress', (progress) => applySyncProgress(client, progress));
  // Events sent while the web socket was down are lost: after a reconnect, refresh everything shown.
  const offReconnect = useConnectionState.subscribe((state, previous) => {
    if (state.reconnects !== previous.reconnects) void client.invalidateQueries();
  });
  return () => {
    offChange();
    offProgress();
    offReconnect();
  };
}
