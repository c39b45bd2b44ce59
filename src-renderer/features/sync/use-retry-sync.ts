import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, syncKeys } from '../../api';

/** Restarts an account's sync after an error; the status follows through progress events. */
export function useRetrySync() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (accountId: number) => api.call('sync:retry', { accountId }),
    onSettled: () => client.invalidateQueries({ queryKey: syncKeys.status() }),
  });
}
