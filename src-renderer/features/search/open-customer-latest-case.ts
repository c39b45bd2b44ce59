import type { QueryClient } from '@tanstack/react-query';
import { customerDetailQuery } from '../../api';
import { openCase } from '../inbox';

/** A customer result opens that person's most recent case, where their context lives. */
export async function openCustomerLatestCase(client: QueryClient, customerId: number): Promise<void> {
  const customer = await client.fetchQuery(customerDetailQuery(customerId));
  const latest = customer?.cases[0];
  if (latest) openCase(latest.id);
}
