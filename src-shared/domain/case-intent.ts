import { priorityRank, queueOfStatus, type CasePriority, type CaseQueue, type CaseStatus } from './case-fields';

// What an agent asks to change on a case. One outbox action carries one intent; several pending
// intents fold, in order, over the case's remote state to give what the agent sees.

export interface CaseIntent {
  comment?: { body: string; public: boolean };
  status?: CaseStatus;
  priority?: CasePriority | null;
  /** Local agent id; null unassigns. */
  assigneeId?: number | null;
  groupId?: number | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface EditableFields {
  status: CaseStatus;
  priority: CasePriority | null;
  assigneeId: number | null;
  groupId: number | null;
  tags: string[];
}

export function applyIntent(fields: EditableFields, intent: CaseIntent): EditableFields {
  const next: EditableFields = { ...fields, tags: [...fields.tags] };
  if (intent.status !== undefined) next.status = intent.status;
  if (intent.priority !== undefined) next.priority = intent.priority;
  if (intent.assigneeId !== undefined) next.assigneeId = intent.assigneeId;
  if (intent.groupId !== undefined) next.groupId = intent.groupId;
  // Tag changes are additions and removals, never a replacement: tags a teammate adds survive.
  for (const tag of intent.addTags ?? []) if (!next.tags.includes(tag)) next.tags.push(tag);
  if (intent.removeTags && intent.removeTags.length > 0) next.tags = next.tags.filter((t) => !intent.removeTags!.includes(t));
  return next;
}

export function foldIntents(remote: EditableFields, intents: readonly CaseIntent[]): EditableFields {
  return intents.reduce(applyIntent, remote);
}

export function derivedColumns(fields: EditableFields): { queue: CaseQueue; priorityRank: number; tags: string } {
  return { queue: queueOfStatus(fields.status), priorityRank: priorityRank(fields.priority), tags: fields.tags.join(' ') };
}

/** True when the intent changes nothing and carries no comment. */
export function isEmptyIntent(intent: CaseIntent): boolean {
  return (
    intent.comment === undefined &&
    intent.status === undefined &&
    intent.priority === undefined &&
    intent.assigneeId === undefined &&
    intent.groupId === undefined &&
    (intent.addTags?.length ?? 0) === 0 &&
    (intent.removeTags?.length ?? 0) === 0
  );
}
