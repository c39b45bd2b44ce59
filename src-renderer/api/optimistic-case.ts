import type { DirectoryView } from '../../src-shared/contract/api';
import type { CaseDetail, PersonRef } from '../../src-shared/contract/models';
import { applyIntent, type CaseIntent } from '../../src-shared/domain/case-intent';

// What core will show once an action is queued, computed here so a changed field does not flick
// back to its old value while core's change event and the refetch are on their way. Core folds
// the same intents with the same function (src-shared/domain/case-intent), so the two agree.

function personFrom(list: readonly { id: number; name: string }[] | undefined, id: number | null, current: PersonRef | null): PersonRef | null {
  if (id === null) return null;
  if (current?.id === id) return current;
  const found = list?.find((p) => p.id === id);
  return { id, name: found?.name ?? '' };
}

export function optimisticCase(detail: CaseDetail, intent: CaseIntent, directory: DirectoryView | undefined): CaseDetail {
  const fields = applyIntent(
    { status: detail.status, priority: detail.priority, assigneeId: detail.assignee?.id ?? null, groupId: detail.group?.id ?? null, tags: detail.tags },
    intent,
  );
  return {
    ...detail,
    status: fields.status,
    priority: fields.priority,
    assignee: personFrom(directory?.agents, fields.assigneeId, detail.assignee),
    group: personFrom(directory?.groups, fields.groupId, detail.group),
    tags: fields.tags,
    pending: true,
  };
}
