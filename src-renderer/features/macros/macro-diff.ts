import type { DirectoryView } from '../../../src-shared/contract/api';
import type { MacroActions } from '../../../src-shared/contract/macros';
import type { CaseDetail } from '../../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';

// A macro's field actions against one case: the intent fields to stage (what `me` and `setTags`
// mean for this case), and the diff the preview shows ("Status Open → Pending", "Tags +refund").

export type MacroFields = Omit<CaseIntent, 'comment'>;

/** The case as far as a macro's actions are concerned (null: not known, e.g. in bulk). */
export type CaseFieldsNow = Pick<CaseDetail, 'accountId' | 'status' | 'priority' | 'assignee' | 'group' | 'tags'>;

/** Me on the case's account (the directory names me once per account). */
export function meOn(directory: DirectoryView | undefined, accountId: number | null): { id: number; name: string } | null {
  if (!directory) return null;
  const mine = directory.agents.filter((a) => directory.me.includes(a.id));
  return mine.find((a) => accountId === null || a.accountId === accountId) ?? mine[0] ?? null;
}

/** The intent fields a macro sets on a case. `setTags` becomes additions and removals against the case's tags. */
export function resolveFields(actions: MacroActions, current: CaseFieldsNow | null, directory: DirectoryView | undefined): MacroFields {
  const fields: MacroFields = {};
  if (actions.status !== undefined) fields.status = actions.status;
  if (actions.priority !== undefined) fields.priority = actions.priority;
  if (actions.assignee) {
    const a = actions.assignee;
    if (a.kind === 'none') fields.assigneeId = null;
    else if (a.kind === 'agent') fields.assigneeId = a.agentId;
    else {
      const me = meOn(directory, current?.accountId ?? null);
      if (me) fields.assigneeId = me.id;
    }
  }
  if (actions.groupId !== undefined) fields.groupId = actions.groupId;
  const add = new Set(actions.addTags ?? []);
  const remove = new Set(actions.removeTags ?? []);
  if (actions.setTags) {
    for (const tag of actions.setTags) add.add(tag);
    for (const tag of current?.tags ?? []) if (!actions.setTags.includes(tag)) remove.add(tag);
  }
  for (const tag of add) remove.delete(tag);
  if (add.size > 0) fields.addTags = [...add];
  if (remove.size > 0) fields.removeTags = [...remove];
  return fields;
}

export type DiffLine =
  | { field: 'status'; from: CaseStatus | null; to: CaseStatus }
  | { field: 'priority'; from: CasePriority | null | undefined; to: CasePriority | null }
  | { field: 'assignee'; from: string | null | undefined; to: { kind: 'me'; name: string | null } | { kind: 'agent'; name: string } | { kind: 'none' } }
  | { field: 'group'; from: string | null | undefined; to: string | null }
  | { field: 'tags'; added: string[]; removed: string[] }
  | { field: 'note' };

/**
 * What the macro changes, line by line. With the case known, lines that change nothing are left
 * out (the status is already Pending; the tag is already there) and each says what it was; in
 * bulk (`current` null) every action shows, with no "from".
 */
export function diffLines(actions: MacroActions, textIsNote: boolean, current: CaseFieldsNow | null, directory: DirectoryView | undefined): DiffLine[] {
  const fields = resolveFields(actions, current, directory);
  const lines: DiffLine[] = [];
  if (fields.status !== undefined && fields.status !== current?.status) lines.push({ field: 'status', from: current?.status ?? null, to: fields.status });
  if (fields.priority !== undefined && (current === null || fields.priority !== current.priority)) lines.push({ field: 'priority', from: current ? current.priority : undefined, to: fields.priority });
  if (actions.assignee) {
    const a = actions.assignee;
    const me = meOn(directory, current?.accountId ?? null);
    const toId = a.kind === 'none' ? null : a.kind === 'agent' ? a.agentId : (me?.id ?? -1);
    const fromId = current?.assignee?.id ?? null;
    if (current === null || toId !== fromId) {
      const to: Extract<DiffLine, { field: 'assignee' }>['to'] =
        a.kind === 'none' ? { kind: 'none' } : a.kind === 'me' ? { kind: 'me', name: me?.name ?? null } : { kind: 'agent', name: directory?.agents.find((x) => x.id === a.agentId)?.name ?? `#${a.agentId}` };
      lines.push({ field: 'assignee', from: current ? (current.assignee?.name ?? null) : undefined, to });
    }
  }
  if (actions.groupId !== undefined && (current === null || actions.groupId !== (current.group?.id ?? null))) {
    const to = actions.groupId === null ? null : (directory?.groups.find((g) => g.id === actions.groupId)?.name ?? `#${actions.groupId}`);
    lines.push({ field: 'group', from: current ? (current.group?.name ?? null) : undefined, to });
  }
  const have = new Set(current?.tags ?? []);
  const added = (fields.addTags ?? []).filter((t) => current === null || !have.has(t));
  const removed = (fields.removeTags ?? []).filter((t) => current === null || have.has(t));
  if (added.length > 0 || removed.length > 0) lines.push({ field: 'tags', added, removed });
  if (textIsNote) lines.push({ field: 'note' });
  return lines;
}
