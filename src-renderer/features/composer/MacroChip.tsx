import { useQuery } from '@tanstack/react-query';
import { Undo2, Zap } from 'lucide-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DirectoryView } from '../../../src-shared/contract/api';
import { directoryQuery } from '../../api';
import type { StagedFields, StagedMacro } from './composer-store';
import { undoMacro } from './macro-staging';

/** The field changes in a few words: "Status → Pending, +refund". */
export function stagedSummary(fields: StagedFields, t: TFunction, directory: DirectoryView | undefined): string {
  const parts: string[] = [];
  if (fields.status !== undefined) parts.push(t('macroApply.chipStatus', { value: t(`status.${fields.status}`) }));
  if (fields.priority !== undefined) parts.push(t('macroApply.chipPriority', { value: fields.priority === null ? t('macroApply.diff.noPriority') : t(`priority.${fields.priority}`) }));
  if (fields.assigneeId !== undefined) {
    const id = fields.assigneeId;
    const agent = id === null ? null : directory?.agents.find((a) => a.id === id);
    const value = id === null ? t('macroApply.diff.nobody') : directory?.me.includes(id) ? t('macroApply.diff.me', { name: agent?.name ?? '' }) : (agent?.name ?? `#${id}`);
    parts.push(t('macroApply.chipAssignee', { value }));
  }
  if (fields.groupId !== undefined) {
    const id = fields.groupId;
    parts.push(t('macroApply.chipGroup', { value: id === null ? t('macroApply.diff.noGroup') : (directory?.groups.find((g) => g.id === id)?.name ?? `#${id}`) }));
  }
  for (const tag of fields.addTags ?? []) parts.push(`+${tag}`);
  for (const tag of fields.removeTags ?? []) parts.push(`−${tag}`);
  return parts.join(', ');
}

/** Above the text box while a macro is staged: what it will change, and Undo. */
export function MacroChip({ caseId, macro, hasText }: { caseId: number; macro: StagedMacro; hasText: boolean }) {
  const { t } = useTranslation();
  const directory = useQuery(directoryQuery()).data;
  const summary = stagedSummary(macro.fields, t, directory);
  const text = `${t('macroApply.chip', { title: macro.title })} — ${summary === '' ? t('macroApply.chipNoChanges') : summary}`;
  return (
    <div className="macro-chip" role="group" aria-label={t('macroApply.staged')} data-testid="macro-staged" data-macro-id={macro.macroId}>
      <Zap size={13} aria-hidden="true" className="macro-chip-icon" />
      <span className="macro-chip-text" title={`${text}\n${hasText ? t('macroApply.chipHint') : t('macroApply.chipHintNoText')}`}>
        <strong>{t('macroApply.chip', { title: macro.title })}</strong>
        <span className="macro-chip-fields"> — {summary === '' ? t('macroApply.chipNoChanges') : summary}</span>
      </span>
      <button type="button" className="button small ghost macro-chip-undo" title={t('macroApply.undoTitle')} onClick={() => undoMacro(caseId)}>
        <Undo2 size={12} aria-hidden="true" />
        {t('macroApply.undo')}
      </button>
    </div>
  );
}
