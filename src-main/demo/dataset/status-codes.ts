// Ticket statuses as small integers for typed arrays.
import type { TicketStatus } from './types';
import { STATUS_ORDER } from './types';

export const NO_STATUS = 255;

export function statusCode(status: TicketStatus): number {
  return STATUS_ORDER.indexOf(status);
}

export function statusFromCode(code: number): TicketStatus | null {
  return code === NO_STATUS ? null : (STATUS_ORDER[code] ?? null);
}
