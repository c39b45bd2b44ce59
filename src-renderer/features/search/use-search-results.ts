import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { searchQuery } from '../../api';

export function useSearchResults(query: string | null) {
  return useQuery({ ...searchQuery(query ?? ''), enabled: query !== null, placeholderData: keepPreviousData });
}
