import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent, SyncStatusView } from '../../src-shared/contract/api';
import type { NetworkStatusView, PresenceChangeEvent } from '../../src-shared/contract/models';
import type { PresenceConnectionStatus } from '../../src-shared/domain/presence';
import { api } from './client';
import { useConnectionState } from './connection-state';
import { subscribePriorityUpdates } from './priority';
import { supervisorRefresher } from './supervisor';
import { accountKeys, caseKeys, customerKeys, directoryKeys, draftKeys, inboxKeys, macroKeys, networkKeys, outboxKeys, presenceKeys, searchKeys, syncKeys } from './query-keys';

// The renderer's ONE subscription to core's events. Core says what changed (entity kinds and
// ids); we invalidate exactly the affected queries, so nothing in the renderer ever polls.
// An empty id list means core did not say which (e.g. a removed account): the whole family.

export function invalidateForChange(client: QueryClient, change: ChangeEvent): void {
  const kinds = new Set(change.kinds);
  const invalidate = (queryKey: readonly unknown[]) => void client.invalidateQueries({ queryKey });
  // An outbox change shows in the list (the row's pending mark) and the case (its pending actions).
  const caseShown = kinds.has('cases') || kinds.has('messages') || kinds.has('outbox');
  if (caseShown) invalidate(inboxKeys.lists());
  if (kinds.has('cases')) invalidate(inboxKeys.counts());
  if (caseShown) {
    if (change.caseIds.length === 0) invalidate(caseKeys.all);
    else for (const id of change.caseIds) invalidate(caseKeys.detail(id));
  }
  if (kinds.has('outbox')) {
    invalidate(outboxKeys.list());
    // Queuing a reply deletes the case's draft in the same transaction.
    if (change.caseIds.length === 0) invalidate(draftKeys.all);
    else for (const id of change.caseIds) invalidate(draftKeys.detail(id));
  }
  if (kinds.has('customers')) {
    if (change.customerIds.length === 0) invalidate(customerKeys.all);
    else for (const id of change.customerIds) invalidate(customerKeys.detail(id));
    // Rows, cases and search results carry the customer's name and smart priority's reasons (their
    // value): a name that just arrived, or orders that raised the value, show everywhere at once.
    invalidate(inboxKeys.lists());
    invalidate(caseKeys.all);
    invalidate(searchKeys.all);
  }
  if (kinds.has('accounts')) {
    invalidate(accountKeys.list());
    invalidate(syncKeys.status());
  }
  if (kinds.has('directory')) invalidate(directoryKeys.all());
  // Macros: the list and every suggestion (rankings depend on the macros). A case's suggestions
  // follow its messages; its placeholder values follow the case (subject) and its customer.
  if (kinds.has('macros')) {
    invalidate(macroKeys.list());
    invalidate(macroKeys.suggestionsAll());
  } else if (kinds.has('messages')) {
    if (change.caseIds.length === 0) invalidate(macroKeys.suggestionsAll());
    else for (const id of change.caseIds) invalidate(macroKeys.suggestions(id));
  }
  if (kinds.has('cases')) {
    if (change.caseIds.length === 0) invalidate(macroKeys.contextsAll());
    else for (const id of change.caseIds) invalidate(macroKeys.context(id));
  }
  // Which cases a customer has is not known here: every case's values (few are cached).
  if (kinds.has('customers')) invalidate(macroKeys.contextsAll());
}

/** Progress events carry the whole status of one account: write it straight into the cache. */
export function applySyncProgress(client: QueryClient, progress: SyncStatusView): void {
  let issuesChanged = false;
  client.setQueryData<SyncStatusView[]>(syncKeys.status(), (current) => {
    if (!current) return current; // the first fetch brings every account
    const index = current.findIndex((s) => s.accountId === progress.accountId);
    if (index === -1) return [...current, progress];
    const before = current[index]!.recordIssues;
    issuesChanged = before?.skipped !== progress.recordIssues?.skipped || before?.mapped !== progress.recordIssues?.mapped;
    const next = current.slice();
    next[index] = progress;
    return next;
  });
  // A list of skipped records on screen follows the counts.
  if (issuesChanged) void client.invalidateQueries({ queryKey: syncKeys.recordIssues(progress.accountId) });
}

/** Network events carry the whole status (online, working offline, outbox counts). */
export function applyNetworkStatus(client: QueryClient, status: NetworkStatusView): void {
  client.setQueryData<NetworkStatusView>(networkKeys.status(), status);
}

/**
 * Someone's presence changed: refetch the presence lists that can show it. The all-cases list (and my
 * status) always; a list of given cases only when it names one of the changed cases.
 */
export function invalidateForPresence(client: QueryClient, change: PresenceChangeEvent): void {
  const changed = new Set(change.caseIds);
  void client.invalidateQueries({
    queryKey: presenceKeys.views(),
    predicate: (query) => {
      const ids = query.queryKey[2];
      return !Array.isArray(ids) || ids.some((id) => changed.has(id as number));
    },
  });
}

/** Connection events carry the whole connection state; my status and others' may change with it. */
export function applyPresenceConnection(client: QueryClient, status: PresenceConnectionStatus): void {
  const previous = client.getQueryData<PresenceConnectionStatus>(presenceKeys.connection());
  client.setQueryData<PresenceConnectionStatus>(presenceKeys.connection(), status);
  if (previous?.state !== status.state) void client.invalidateQueries({ queryKey: presenceKeys.views() });
}

/** Starts listening; returns the function that stops it. */
export function subscribeToCoreEvents(client: QueryClient): () => void {
  const offChange = api.on('onChange', (change) => invalidateForChange(client, change));
  const offProgress = api.on('onSyncProgress', (progress) => applySyncProgress(client, progress));
  const offNetwork = api.on('onNetworkStatus', (status) => applyNetworkStatus(client, status));
  const offPresence = api.on('onPresence', (change) => invalidateForPresence(client, change));
  const offPresenceConnection = api.on('onPresenceConnection', (status) => applyPresenceConnection(client, status));
  // Smart priority's preview and routing suggestions (api/priority.ts).
  const offPriority = subscribePriorityUpdates(client);
  // The supervisor panel and wallboard: any case, message, directory or presence change may move a
  // figure; refetched at most every 500 ms (api/supervisor.ts).
  const supervisor = supervisorRefresher(client);
  const offSupervisorChange = api.on('onChange', (change) => {
    if (change.kinds.some((k) => k === 'cases' || k === 'messages' || k === 'directory' || k === 'accounts')) supervisor.run();
  });
  const offSupervisorPresence = api.on('onPresence', () => supervisor.run());
  const offSupervisorConnection = api.on('onPresenceConnection', () => supervisor.run());
  // Events sent while the web socket was down are lost: after a reconnect, refresh everything shown.
  const offReconnect = useConnectionState.subscribe((state, previous) => {
    if (state.reconnects !== previous.reconnects) void client.invalidateQueries();
  });
  return () => {
    offChange();
    offProgress();
    offNetwork();
    offPresence();
    offPresenceConnection();
    offPriority();
    offSupervisorChange();
    offSupervisorPresence();
    offSupervisorConnection();
    supervisor.cancel();
    offReconnect();
  };
}
