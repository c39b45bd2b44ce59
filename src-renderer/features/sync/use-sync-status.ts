import { useQuery } from '@tanstack/react-query';
import { accountsQuery, syncStatusQuery } from '../../api';

/** Per-account sync state; progress events write into this query directly. */
export function useSyncStatus() {
  return useQuery(syncStatusQuery());
}

export function useAccounts() {
  return useQuery(accountsQuery());
}
