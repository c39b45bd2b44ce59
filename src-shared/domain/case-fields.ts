// The vocabulary of a case, shared by every layer. Statuses and priorities follow Zendesk's,
// which most helpdesks map onto cleanly.

export const CASE_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** Higher is more urgent; a case without priority ranks with `normal`. */
export function priorityRank(priority: CasePriority | null): number {
  switch (priority) {
    case 'urgent':
      return 4;
    case 'high':
      return 3;
    case 'low':
      return 1;
    default:
      return 2;
  }
}

/**
 * The queue a status belongs to. Inbox views and their indexes work on queues rather than raw
 * statuses so that "all open" (new + open) and "solved" (solved + closed) are single index ranges.
 */
export const CASE_QUEUES = ['open', 'pending', 'hold', 'solved'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

export function queueOfStatus(status: CaseStatus): CaseQueue {
  switch (status) {
    case 'new':
    case 'open':
      return 'open';
    case 'pending':
      return 'pending';
    case 'hold':
      return 'hold';
    default:
      return 'solved';
  }
}

export function isUnsolved(status: CaseStatus): boolean {
  return queueOfStatus(status) !== 'solved';
}

export const AUTHOR_KINDS = ['customer', 'agent', 'system'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
