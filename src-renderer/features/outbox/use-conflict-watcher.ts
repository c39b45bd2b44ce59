import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { caseDetailQuery } from '../../api';
import { useOpenCaseId } from '../inbox';
import { openConflict, wasConflictShown } from './outbox-store';

/** A conflict on the case the agent has open is shown at once: nothing is overwritten unseen. */
export function useConflictWatcher(): void {
  const caseId = useOpenCaseId();
  const detail = useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null }).data;
  const conflictId = detail && detail.id === caseId ? detail.pendingActions.find((a) => a.state === 'conflict' && !wasConflictShown(a.id))?.id : undefined;
  useEffect(() => {
    if (conflictId) openConflict(conflictId);
  }, [conflictId]);
}
