import { useQuery } from '@tanstack/react-query';
import type { AccountView, NetworkStatusView } from '../../../src-shared/contract/models';
import { accountsQuery, networkStatusQuery } from '../../api';
import { networkState, unreachableAccounts, type NetworkState } from './network-state';

export function useNetworkStatus() {
  return useQuery(networkStatusQuery());
}

export interface NetworkSummary {
  status: NetworkStatusView;
  state: NetworkState;
  /** The accounts that cannot be reached (empty unless offline or partly offline). */
  down: AccountView[];
}

/** The network state with the accounts it is about: kept current by core's network and account events. */
export function useNetworkSummary(): NetworkSummary | undefined {
  const status = useNetworkStatus().data;
  const accounts = useQuery(accountsQuery()).data;
  if (!status) return undefined;
  return { status, state: networkState(status, accounts?.map((a) => a.id)), down: unreachableAccounts(status, accounts ?? []) };
}
