import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SlaPolicyInput } from '../../src-shared/contract/sla';
import { api } from './client';
import { caseKeys, inboxKeys } from './query-keys';

// SLA policies (issue 7, docs/sla.md § Editing policies): the list and the writes. Core recomputes
// every timed case on a save or delete and emits a 'cases' change (live-updates.ts refetches the
// lists and cases); the mutations also refetch them here, so the badges follow even when the event
// is missed (the web socket was down).

export const slaPolicyKeys = {
  all: ['sla-policies'] as const,
  list: () => [...slaPolicyKeys.all, 'list'] as const,
};

/** Every policy, synced and local, active or switched off. */
export const slaPoliciesQuery = () => queryOptions({ queryKey: slaPolicyKeys.list(), queryFn: () => api.call('sla:policies:list', {}) });

/** Not awaited: the caller's own onSuccess runs before the refetched list can unmount its form. */
function useInvalidateAfterPolicyChange() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: slaPolicyKeys.all });
    void client.invalidateQueries({ queryKey: inboxKeys.all });
    void client.invalidateQueries({ queryKey: caseKeys.all });
  };
}

/** Creates a local policy (no id) or changes one; a synced policy becomes a local override. */
export function useSaveSlaPolicy() {
  const invalidate = useInvalidateAfterPolicyChange();
  return useMutation({
    mutationFn: (input: SlaPolicyInput) => api.call('sla:policies:save', input),
    onSettled: invalidate,
  });
}

/** Deletes a local policy; a synced one is switched off (an inactive override). */
export function useDeleteSlaPolicy() {
  const invalidate = useInvalidateAfterPolicyChange();
  return useMutation({
    mutationFn: (id: number) => api.call('sla:policies:delete', { id }),
    onSettled: invalidate,
  });
}
