import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SmartWeights } from '../../src-shared/domain/smart-priority';
import { api } from './client';
import { inboxKeys, caseKeys } from './query-keys';

// Smart priority and routing (issue 7, docs/smart-priority.md): the weights, the live preview of the
// re-ranked queue, and the routing suggestion of a case. Scores themselves come with the inbox rows
// and the case (`smart`).

export const priorityKeys = {
  all: ['priority'] as const,
  settings: () => ['priority', 'settings'] as const,
  previews: () => ['priority', 'preview'] as const,
  preview: (weights: SmartWeights, limit: number) => ['priority', 'preview', weights, limit] as const,
  routingAll: () => ['routing'] as const,
  routing: (caseId: number) => ['routing', caseId] as const,
};

export const prioritySettingsQuery = () => queryOptions({ queryKey: priorityKeys.settings(), queryFn: () => api.call('priority:settings:get', {}) });

/** The open queue's top `limit` under candidate weights (nothing saved); the previous answer stays while the next loads. */
export const priorityPreviewQuery = (weights: SmartWeights, limit = 8) =>
  queryOptions({ queryKey: priorityKeys.preview(weights, limit), queryFn: () => api.call('priority:preview', { weights, limit }), placeholderData: keepPreviousData });

export const routingQuery = (caseId: number) => queryOptions({ queryKey: priorityKeys.routing(caseId), queryFn: () => api.call('routing:suggest', { caseId, limit: 4 }) });

/** Saves the weights (null: the defaults); every score and the smart-sorted inbox change. */
export function useSavePrioritySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (weights: SmartWeights | null) => api.call('priority:settings:set', { weights }),
    onSuccess: (view) => client.setQueryData(priorityKeys.settings(), view),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: priorityKeys.previews() });
      void client.invalidateQueries({ queryKey: inboxKeys.lists() });
      void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

/**
 * Keeps the preview and routing suggestions current: cases changing move scores and loads, the
 * directory changes who can be suggested, presence changes availability. Returns the unsubscribe.
 */
export function subscribePriorityUpdates(client: QueryClient): () => void {
  const offChange = api.on('onChange', (change) => {
    if (change.kinds.some((k) => k === 'cases' || k === 'messages' || k === 'customers')) void client.invalidateQueries({ queryKey: priorityKeys.previews() });
    if (change.kinds.some((k) => k === 'cases' || k === 'directory')) void client.invalidateQueries({ queryKey: priorityKeys.routingAll() });
  });
  const offPresence = api.on('onPresence', (change) => {
    if (change.agentIds.length > 0) void client.invalidateQueries({ queryKey: priorityKeys.routingAll() });
  });
  return () => {
    offChange();
    offPresence();
  };
}
