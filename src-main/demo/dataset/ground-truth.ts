// What a full sync through the incremental exports must end up with, so a test can compute the
// missing and the extra records exactly: every ticket that exists (not deleted) and is readable,
// the comments of those tickets whose ticket_events entry is readable, and the readable users.
import type { DemoDataset, SyncGroundTruth } from './types';

export function groundTruth(ds: DemoDataset, commentIdsFor: (ticketId: number) => number[]): SyncGroundTruth {
  const skip = (kind: string): Set<number> => new Set(ds.unreadableRecords.filter((r) => r.kind === kind).map((r) => r.id));
  const tickets = skip('ticket');
  const comments = skip('comment');
  const users = skip('user');
  const ticketIds = ds
    .tickets()
    .map((t) => t.id)
    .filter((id) => !tickets.has(id));
  const commentIds: number[] = [];
  for (const id of ticketIds) for (const commentId of commentIdsFor(id)) if (!comments.has(commentId)) commentIds.push(commentId);
  const userIds = ds
    .users()
    .map((u) => u.id)
    .filter((id) => !users.has(id));
  return { ticketIds, commentIds, userIds };
}
