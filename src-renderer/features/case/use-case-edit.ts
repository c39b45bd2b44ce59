import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { useCaseAct } from '../../api';

/** Field changes on the open case: each one is an outbox action (cases:act), shown at once. */
export function useCaseEdit(caseId: number) {
  const act = useCaseAct();
  return {
    edit: (intent: CaseIntent) => act.mutate({ caseIds: [caseId], intent }),
    error: act.error,
  };
}
