import type { TFunction } from 'i18next';
import type { DirectoryView } from '../../src-shared/contract/api';
import type { CaseIntent } from '../../src-shared/domain/case-intent';

export interface IntentLines {
  /** The message, if the action carries one. */
  comment: { kind: 'reply' | 'note'; body: string } | null;
  /** Field changes in words: "Status → Solved", "Add tags: vip". */
  fields: string[];
}

/** An outbox action in the agent's words, for the outbox, the conflict dialog and the composer. */
export function describeIntent(intent: CaseIntent, t: TFunction, directory: DirectoryView | undefined): IntentLines {
  const fields: string[] = [];
  if (intent.status !== undefined) fields.push(t('intent.status', { value: t(`status.${intent.status}`) }));
  if (intent.priority !== undefined) fields.push(t('intent.priority', { value: intent.priority === null ? t('priority.none') : t(`priority.${intent.priority}`) }));
  if (intent.assigneeId !== undefined) {
    const id = intent.assigneeId;
    const value = id === null ? t('caseEdit.unassigned') : (directory?.agents.find((a) => a.id === id)?.name ?? t('intent.unknownAgent', { id }));
    fields.push(t('intent.assignee', { value }));
  }
  if (intent.groupId !== undefined) {
    const id = intent.groupId;
    const value = id === null ? t('caseEdit.noGroup') : (directory?.groups.find((g) => g.id === id)?.name ?? t('intent.unknownGroup', { id }));
    fields.push(t('intent.group', { value }));
  }
  if (intent.addTags?.length) fields.push(t('intent.addTags', { tags: intent.addTags.join(', ') }));
  if (intent.removeTags?.length) fields.push(t('intent.removeTags', { tags: intent.removeTags.join(', ') }));
  return { comment: intent.comment ? { kind: intent.comment.public ? 'reply' : 'note', body: intent.comment.body } : null, fields };
}

/** Tags as the agent types them: spaces and commas separate, no empty ones, no repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0 && tag.length <= 80))];
}
