import { useQuery } from '@tanstack/react-query';
import type { CasePresenceView, PresenceView } from '../../../src-shared/contract/models';
import { presenceConnectionQuery, presenceQuery } from '../../api';

// Everyone reads the ONE all-cases presence query (`presence:get` without case ids): a row, a case
// header or the status bar picks its part with `select`, and react-query re-renders a component only
// when its part changed (select results are structurally shared).

const NOBODY: readonly CasePresenceView[] = [];

/** The others on one case, most urgent first (an empty list when nobody is, or presence is off). */
export function useCasePresence(caseId: number | null): readonly CasePresenceView[] {
  const query = useQuery({
    ...presenceQuery(),
    select: (view: PresenceView) => (caseId === null ? undefined : view.cases[caseId]),
  });
  return query.data ?? NOBODY;
}

/** Whether presence is set up, and my status as published. */
export function useMyPresence() {
  return useQuery({ ...presenceQuery(), select: (view: PresenceView) => ({ configured: view.configured, me: view.me }) }).data;
}

export function usePresenceConnection() {
  return useQuery(presenceConnectionQuery()).data;
}
