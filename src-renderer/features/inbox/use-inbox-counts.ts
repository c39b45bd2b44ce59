import { useQuery } from '@tanstack/react-query';
import { countsQuery } from '../../api';

/** Live per-view counts for the sidebar; refreshed when core reports case changes. */
export function useInboxCounts() {
  return useQuery(countsQuery());
}
