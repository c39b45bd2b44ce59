import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PresenceSettingsInput, PresenceSettingsView } from '../../src-shared/contract/models';
import { api } from './client';
import { presenceKeys } from './query-keys';

/**
 * Saves the presence broker settings (the password, when given, goes to core's SecretStore only; null
 * removes it). Core restarts presence with them and announces the new connection state through
 * `onPresenceConnection`; whether presence is configured (and my status) is read again.
 */
export function useSavePresenceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PresenceSettingsInput) => api.call('presence:settings:set', input),
    onSuccess: (view) => {
      client.setQueryData<PresenceSettingsView | null>(presenceKeys.settings(), view);
      void client.invalidateQueries({ queryKey: presenceKeys.views() });
    },
  });
}
