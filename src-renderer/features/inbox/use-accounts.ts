import { useQuery } from '@tanstack/react-query';
import { accountsQuery } from '../../api';

/** The connected accounts (`accounts:list`, the same cache as Settings): the Account filter's options. */
export function useAccounts() {
  return useQuery(accountsQuery());
}
