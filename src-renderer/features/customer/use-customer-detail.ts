import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { customerDetailQuery } from '../../api';

/** The customer of the open case; orders arrive later through a change event. */
export function useCustomerDetail(customerId: number | null) {
  return useQuery({ ...customerDetailQuery(customerId ?? 0), enabled: customerId !== null, placeholderData: keepPreviousData });
}
