import type { AccountView, NetworkStatusView } from '../../../src-shared/contract/models';

// The network state in the agent's terms, from core's network status and the profile's accounts (pure).

/**
 * Online; offline (no account's server can be reached); partly offline (some can, some cannot:
 * those that can keep syncing and sending); or working offline (the agent's choice).
 */
export type NetworkState = 'online' | 'offline' | 'partlyOffline' | 'workingOffline';

/**
 * The app's network state. `accountIds`: every account of the profile; without them, any
 * unreachable account reads as offline.
 */
export function networkState(status: NetworkStatusView, accountIds?: readonly number[]): NetworkState {
  if (status.forcedOffline) return 'workingOffline';
  const unreachable = status.unreachable;
  if (unreachable.length === 0) return status.online ? 'online' : 'offline';
  if (accountIds && accountIds.some((id) => !unreachable.includes(id))) return 'partlyOffline';
  return 'offline';
}

/** The accounts whose server cannot be reached now, in account order (the agent's words name them). */
export function unreachableAccounts(status: NetworkStatusView, accounts: readonly AccountView[]): AccountView[] {
  const unreachable = status.unreachable;
  return accounts.filter((account) => unreachable.includes(account.id));
}

/** Changes waiting in the outbox: queued, being sent, failed or in conflict. */
export function outboxLength(status: NetworkStatusView): number {
  const { queued, sending, failed, conflict } = status.outbox;
  return queued + sending + failed + conflict;
}

