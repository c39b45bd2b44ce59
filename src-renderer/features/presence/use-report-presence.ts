import { useEffect } from 'react';
import { enterCase, leaveCase } from './my-activity';

/** Reports the case pane's case: `viewing` when it opens, a leave when it closes or another opens. */
export function useReportCasePresence(caseId: number | null): void {
  useEffect(() => {
    if (caseId === null) return;
    enterCase(caseId);
    return () => leaveCase(caseId);
  }, [caseId]);
}
