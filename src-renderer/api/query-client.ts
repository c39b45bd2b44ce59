import { QueryClient } from '@tanstack/react-query';

/**
 * Server state lives only here. Data stays fresh until core says otherwise (change events
 * invalidate it), so there is no refetch on focus or on an interval.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: 2,
        retryDelay: (attempt) => Math.min(4000, 500 * 2 ** attempt),
      },
      mutations: { retry: 0 },
    },
  });
}
