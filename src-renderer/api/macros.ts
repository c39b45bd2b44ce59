import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MacroInput } from '../../src-shared/contract/macros';
import { api } from './client';
import { macroKeys } from './query-keys';

// Macros (issue 6, docs/macros.md): the list, suggestions and placeholder values of a case, and
// the writes. Change events of kind 'macros' refetch them (live-updates.ts); a case's messages or
// customer changing refetches its suggestions and values.

/** Every active macro, shared and personal, most used first. */
export const macrosQuery = () => queryOptions({ queryKey: macroKeys.list(), queryFn: () => api.call('macros:list', {}) });

/** The macros that fit the case best (best first), from its latest customer messages. */
export const macroSuggestionsQuery = (caseId: number, limit = 3) =>
  queryOptions({ queryKey: [...macroKeys.suggestions(caseId), limit] as const, queryFn: () => api.call('macros:suggest', { caseId, limit }) });

/** The placeholder values of a case (customer, case, agent), for previews rendered here. */
export const macroContextQuery = (caseId: number) => queryOptions({ queryKey: macroKeys.context(caseId), queryFn: () => api.call('macros:context', { caseId }) });

/** Counts one use of a macro (once per apply); best effort, it never blocks the agent. */
export function useMacroUsed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.call('macros:used', { id }),
    onSettled: () => client.invalidateQueries({ queryKey: macroKeys.list() }),
  });
}

/** Applies a macro to many cases: one outbox action per case (works offline like every write). */
export function useMacroApplyBulk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ macroId, caseIds }: { macroId: number; caseIds: number[] }) => api.call('macros:applyBulk', { macroId, caseIds }),
    onSettled: () => client.invalidateQueries({ queryKey: macroKeys.list() }),
  });
}

/** Creates (no id) or changes a personal macro; core refuses unknown placeholders. */
export function useSaveMacro() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MacroInput) => api.call('macros:save', input),
    onSettled: () => client.invalidateQueries({ queryKey: macroKeys.all }),
  });
}

/** Deletes a personal macro. */
export function useDeleteMacro() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.call('macros:delete', { id }),
    onSettled: () => client.invalidateQueries({ queryKey: macroKeys.all }),
  });
}
