import type { MacroActions } from '../../../../src-shared/contract/macros';
import type { CasePriority, CaseStatus } from '../../../../src-shared/domain/case-fields';

// What a macro's actions would change on a case, for the preview: each field's current value (when
// a case is open) and the value the macro sets, as words. Tags: only what would really change.

/** The open case's fields as the preview compares against them. */
export interface CaseFieldsNow {
  status: CaseStatus;
  priority: CasePriority | null;
  assigneeId: number | null;
  groupId: number | null;
  tags: readonly string[];
}

/** How values are named (translated by the caller). */
export interface FieldNames {
  status(status: CaseStatus): string;
  priority(priority: CasePriority | null): string;
  /** An agent by local id; `null`: nobody. */
  agent(id: number | null): string;
  /** "me" as the agent applying the macro; `myId` when known. */
  me(): string;
  group(id: number | null): string;
}

export type FieldChange =
  | { kind: 'field'; field: 'status' | 'priority' | 'assignee' | 'group'; from: string | null; to: string; same: boolean }
  | { kind: 'tags'; field: 'addTags' | 'removeTags' | 'setTags'; tags: string[]; /** Already so on the open case (added ones it has, removed ones it lacks). */ unchanged: string[] };

export function describeFieldChanges(actions: MacroActions, current: CaseFieldsNow | null, names: FieldNames, myIds: readonly number[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  const field = (name: 'status' | 'priority' | 'assignee' | 'group', from: string | null, to: string, same: boolean) => changes.push({ kind: 'field', field: name, from, to, same });

  if (actions.status !== undefined) {
    field('status', current ? names.status(current.status) : null, names.status(actions.status), current?.status === actions.status);
  }
  if (actions.priority !== undefined) {
    field('priority', current ? names.priority(current.priority) : null, names.priority(actions.priority), current !== null && current.priority === actions.priority);
  }
  if (actions.assignee !== undefined) {
    const a = actions.assignee;
    const to = a.kind === 'me' ? names.me() : a.kind === 'none' ? names.agent(null) : names.agent(a.agentId);
    const same =
      current !== null &&
      (a.kind === 'none' ? current.assigneeId === null : a.kind === 'agent' ? current.assigneeId === a.agentId : current.assigneeId !== null && myIds.includes(current.assigneeId));
    field('assignee', current ? names.agent(current.assigneeId) : null, to, same);
  }
  if (actions.groupId !== undefined) {
    field('group', current ? names.group(current.groupId) : null, names.group(actions.groupId), current !== null && current.groupId === actions.groupId);
  }
  const has = new Set(current?.tags ?? []);
  if (actions.setTags && actions.setTags.length > 0) changes.push({ kind: 'tags', field: 'setTags', tags: [...actions.setTags], unchanged: [] });
  const addTags = actions.addTags ?? [];
  if (addTags.length > 0) {
    changes.push({ kind: 'tags', field: 'addTags', tags: addTags.filter((tag) => current === null || !has.has(tag)), unchanged: addTags.filter((tag) => current !== null && has.has(tag)) });
  }
  const removeTags = actions.removeTags ?? [];
  if (removeTags.length > 0) {
    changes.push({ kind: 'tags', field: 'removeTags', tags: removeTags.filter((tag) => current === null || has.has(tag)), unchanged: removeTags.filter((tag) => current !== null && !has.has(tag)) });
  }
  return changes;
}
