import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { caseDetailQuery } from '../../api';

/**
 * The open case with its thread, from the local cache (core fetches a missing thread itself).
 * While the next case loads the previous one stays on screen, dimmed, so the pane does not flash.
 */
export function useCaseDetail(caseId: number | null) {
  return useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null, placeholderData: keepPreviousData });
}
