import { useQuery } from '@tanstack/react-query';
import { accountsQuery } from '../../api';

/** The connected accounts (`accounts:list`, the same cache as Settings): the Account filter's options. */
export function useAccounts() {
  return useQuery(accountsQuery());
}

/**
 * The account name a row shows, only when there is more than one account (with one, it says
 * nothing): a mailbox case and a helpdesk e-mail case otherwise look alike.
 */
export function useAccountLabel(accountId: number): string | null {
  const { data } = useQuery({ ...accountsQuery(), select: (accounts) => (accounts.length > 1 ? (accounts.find((a) => a.id === accountId)?.name ?? null) : null) });
  return data ?? null;
}
