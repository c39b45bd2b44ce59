import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { caseDetailQuery } from '../../api';
import { useOpenCaseId } from '../inbox';
import { conflictKey, openConflict, wasConflictShown } from './outbox-store';

/** A conflict on the case the agent has open is shown at once, with the case's whole held queue: nothing is overwritten unseen. */
export function useConflictWatcher(): void {
  const caseId = useOpenCaseId();
  const detail = useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null }).data;
  const conflicts = detail && detail.id === caseId ? detail.pendingActions.filter((a) => a.state === 'conflict') : [];
  // An action that stops again after a decision (another attempt) is news again.
  const unseen = conflicts.find((a) => !wasConflictShown(conflictKey(a)));
  const focusId = unseen?.id ?? null;
  const all = conflicts.map(conflictKey).join(' ');
  useEffect(() => {
    if (focusId && caseId !== null) openConflict(caseId, focusId, all.split(' '));
  }, [focusId, caseId, all]);
}
