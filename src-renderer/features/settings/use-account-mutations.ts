import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountInput, AccountSecretsInput } from '../../../src-shared/contract/models';
import { accountKeys, api, syncKeys } from '../../api';

/** Account changes also arrive as core events; invalidating here makes the dialog update at once. */
function useRefreshAccounts() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: accountKeys.list() });
    void client.invalidateQueries({ queryKey: syncKeys.status() });
  };
}

export function useTestAccount() {
  return useMutation({ mutationFn: (input: AccountInput) => api.call('accounts:test', input) });
}

export function useAddAccount() {
  const refresh = useRefreshAccounts();
  return useMutation({ mutationFn: (input: AccountInput) => api.call('accounts:add', input), onSuccess: refresh });
}

export function useRemoveAccount() {
  const refresh = useRefreshAccounts();
  return useMutation({ mutationFn: (id: number) => api.call('accounts:remove', { id }), onSettled: refresh });
}

/** Keeps an account's token or passwords again (checked by its server first) and restarts its sync. */
export function useSetAccountSecrets() {
  const refresh = useRefreshAccounts();
  return useMutation({ mutationFn: (input: AccountSecretsInput) => api.call('accounts:setSecrets', input), onSettled: refresh });
}
