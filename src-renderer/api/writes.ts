import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DirectoryView } from '../../src-shared/contract/api';
import type { CaseDetail, NetworkStatusView, OutboxDecisionResult, PresenceView } from '../../src-shared/contract/models';
import type { PresenceActivity, SettableAgentStatus } from '../../src-shared/domain/presence';
import type { CaseIntent } from '../../src-shared/domain/case-intent';
import { api } from './client';
import { optimisticCase } from './optimistic-case';
import { caseKeys, directoryKeys, networkKeys, presenceKeys } from './query-keys';

// Every write goes through core's outbox (DESIGN §6): core queues it durably, applies it to what
// it shows at once, and says so with a change event (live-updates invalidates what changed).
// These hooks are the only writers; features call them and never touch the bridge.

export interface CaseActInput {
  caseIds: number[];
  intent: CaseIntent;
}

/** Queues one action per case. The open case shows the change before core's event lands. */
export function useCaseAct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ caseIds, intent }: CaseActInput) => api.call('cases:act', { caseIds, intent }),
    onMutate: async ({ caseIds, intent }) => {
      const directory = client.getQueryData<DirectoryView>(directoryKeys.all());
      const previous = new Map<number, CaseDetail>();
      for (const id of caseIds) {
        const detail = client.getQueryData<CaseDetail | null>(caseKeys.detail(id));
        if (!detail) continue;
        await client.cancelQueries({ queryKey: caseKeys.detail(id) });
        previous.set(id, detail);
        client.setQueryData<CaseDetail | null>(caseKeys.detail(id), optimisticCase(detail, intent, directory));
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      // Nothing was queued: show the case as it was.
      for (const [id, detail] of context?.previous ?? []) client.setQueryData(caseKeys.detail(id), detail);
    },
  });
}

/**
 * The composer's send, through core's send-time guard. Not shown ahead of core's answer like other
 * writes: the guard may stop it, and a message that appears and then vanishes would be worse than
 * the few milliseconds until core's change event shows it queued.
 */
export function useCaseSend() {
  return useMutation({
    mutationFn: ({ caseId, intent }: { caseId: number; intent: CaseIntent }) => api.call('cases:send', { caseId, intent }),
  });
}

export type OutboxStep = 'retry' | 'discard' | 'applyAnyway';

/**
 * Retry a failed action, discard one, or send a conflicting one anyway. `shown`: the keys of what
 * the conflict dialog showed for it (core does nothing and answers `changed` if more arrived).
 */
export function useOutboxStep() {
  return useMutation({
    mutationFn: ({ id, step, shown }: { id: string; step: OutboxStep; shown?: string[] }): Promise<OutboxDecisionResult> => {
      switch (step) {
        case 'retry':
          return api.call('outbox:retry', { id });
        case 'discard':
          return api.call('outbox:discard', shown ? { id, shown } : { id });
        case 'applyAnyway':
          return api.call('outbox:applyAnyway', shown ? { id, shown } : { id });
      }
    },
  });
}

/** Replaces a queued action's intent (after a conflict) and queues it again. */
export function useOutboxEdit() {
  return useMutation({
    mutationFn: ({ id, intent, shown }: { id: string; intent: CaseIntent; shown?: string[] }) => api.call('outbox:edit', shown ? { id, intent, shown } : { id, intent }),
  });
}

/** "Work offline" on or off; the answer is the new network status. */
export function useSetOffline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (offline: boolean) => api.call('network:setOffline', { offline }),
    onSuccess: (status) => client.setQueryData<NetworkStatusView>(networkKeys.status(), status),
  });
}

/** Available or away. My status shows the choice at once; core's `onPresence` confirms it. */
export function useSetPresenceStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (status: SettableAgentStatus) => api.call('presence:setStatus', { status }),
    onMutate: (status) => {
      client.setQueriesData<PresenceView>({ queryKey: presenceKeys.views() }, (view) => (view?.me ? { ...view, me: { ...view.me, status } } : view));
    },
    onSettled: () => client.invalidateQueries({ queryKey: presenceKeys.views() }),
  });
}

/** What I am doing on a case (fire and forget: presence is best effort and never blocks the agent). */
export function reportActivity(caseId: number, activity: PresenceActivity): void {
  api.call('presence:setActivity', { caseId, activity }).catch(() => undefined);
}

/** I left a case (closed it or opened another). */
export function reportLeave(caseId: number): void {
  api.call('presence:leave', { caseId }).catch(() => undefined);
}
