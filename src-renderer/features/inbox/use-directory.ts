import { useQuery } from '@tanstack/react-query';
import { directoryQuery } from '../../api';

/** Agents, groups and common tags: the options of the filter bar. */
export function useDirectory() {
  return useQuery(directoryQuery());
}
