import type { OutboxItemView } from '../../../src-shared/contract/models';

export type EditableField = 'status' | 'priority' | 'assignee' | 'group' | 'tags';

/** Which shown fields come from actions still in the outbox (they get a "Pending" badge). */
export function pendingFields(actions: readonly OutboxItemView[]): ReadonlySet<EditableField> {
  const fields = new Set<EditableField>();
  for (const { intent } of actions) {
    if (intent.status !== undefined) fields.add('status');
    if (intent.priority !== undefined) fields.add('priority');
    if (intent.assigneeId !== undefined) fields.add('assignee');
    if (intent.groupId !== undefined) fields.add('group');
    if (intent.addTags?.length || intent.removeTags?.length) fields.add('tags');
  }
  return fields;
}

/** Tags shown because a pending action adds them. */
export function pendingTags(actions: readonly OutboxItemView[]): ReadonlySet<string> {
  return new Set(actions.flatMap((a) => a.intent.addTags ?? []));
}
