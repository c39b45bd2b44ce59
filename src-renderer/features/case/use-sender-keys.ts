import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CaseDetail, ThreadMessage } from '../../../src-shared/contract/models';
import { customerDetailQuery } from '../../api';

/**
 * Who sent a message, as the key for "load images from this sender": the customer's e-mail
 * address when we know it, otherwise the person's id (one person across channels).
 */
export function useSenderKeys(detail: CaseDetail): (message: ThreadMessage) => string {
  const customerId = detail.customer?.id ?? null;
  const customer = useQuery({ ...customerDetailQuery(customerId ?? 0), enabled: customerId !== null }).data;
  const email = customer?.identities.find((i) => i.kind === 'email')?.value ?? null;
  return useCallback(
    (message: ThreadMessage) => {
      if (message.author && message.authorKind === 'customer' && message.author.id === customerId && email) return `email:${email.toLowerCase()}`;
      return `${message.authorKind}:${message.author?.id ?? 'unknown'}`;
    },
    [customerId, email],
  );
}
