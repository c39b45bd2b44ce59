import type { QueryClient } from '@tanstack/react-query';
import { caseDetailQuery, customerDetailQuery } from './queries';

/**
 * Starts reading what opening a case shows (the case with its thread, and its customer) as soon
 * as the intent is known: the pointer pressed on a row, the keyboard resting on it. Both reads go
 * out together instead of one after the other, and the case pane renders once, with its data,
 * instead of a placeholder first. Data already cached (and not invalidated) is not read again.
 */
export function prefetchCaseView(client: QueryClient, caseId: number, customerId: number | null): void {
  void client.prefetchQuery(caseDetailQuery(caseId));
  if (customerId !== null) void client.prefetchQuery(customerDetailQuery(customerId));
}
