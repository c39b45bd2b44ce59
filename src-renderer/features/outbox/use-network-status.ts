import { useQuery } from '@tanstack/react-query';
import type { NetworkStatusView } from '../../../src-shared/contract/models';
import { networkStatusQuery } from '../../api';

export type NetworkState = 'online' | 'offline' | 'workingOffline';

export function networkState(status: NetworkStatusView): NetworkState {
  if (status.forcedOffline) return 'workingOffline';
  return status.online ? 'online' : 'offline';
}

/** Changes waiting in the outbox: queued, being sent, failed or in conflict. */
export function outboxLength(status: NetworkStatusView): number {
  const { queued, sending, failed, conflict } = status.outbox;
  return queued + sending + failed + conflict;
}

export function useNetworkStatus() {
  return useQuery(networkStatusQuery());
}
