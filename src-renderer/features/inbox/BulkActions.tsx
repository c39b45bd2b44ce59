import { assignableAgents } from '../../../src-shared/domain/assignees';
import { CheckCircle2, Tag, Zap } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, type CasePriority, type CaseStatus } from '../../../src-shared/domain/case-fields';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { useCaseAct } from '../../api';
import { openMacroPalette } from '../macros';
import { StatusOptions } from '../../ui/case-field-options';
import { AddTagDialog } from './AddTagDialog';
import { clearSelection, useSelection } from './selection-store';
import { useDirectory } from './use-directory';

/**
 * With two or more cases selected: set status, priority or assignee, add a tag, or solve them, as
 * one cases:act (core queues one action per case). Each select acts on choice and resets.
 */
export function BulkActions() {
  const { t } = useTranslation();
  const selectedIds = useSelection((s) => s.selectedIds);
  const directory = useDirectory().data;
  const act = useCaseAct();
  const [tagging, setTagging] = useState(false);
  // Feedback belongs to the selection it was given for.
  const [done, setDone] = useState<{ count: number; for: ReadonlySet<number>; refused?: { caseId: number; reason: string }[] } | null>(null);
  if (selectedIds.size < 2) return null;

  const run = (intent: CaseIntent) => {
    const caseIds = [...selectedIds];
    setDone(null);
    act.mutate(
      { caseIds, intent },
      {
        onSuccess: () => {
          setDone({ count: caseIds.length, for: selectedIds });
          // Solved cases leave the open views: the selection would point at rows no longer shown.
          if (intent.status === 'solved' || intent.status === 'closed') clearSelection();
        },
      },
    );
  };
  const me = directory?.me ?? [];

  return (
    <div className="bulk-actions" role="toolbar" aria-label={t('bulk.label')}>
      <select
        className="bulk-select"
        aria-label={t('bulk.setStatus')}
        value=""
        disabled={act.isPending}
        onChange={(e) => e.target.value && run({ status: e.target.value as CaseStatus })}
      >
        <option value="" disabled>
          {t('bulk.setStatus')}
        </option>
        <StatusOptions />
      </select>
      <select
        className="bulk-select"
        aria-label={t('bulk.setPriority')}
        value=""
        disabled={act.isPending}
        onChange={(e) => e.target.value && run({ priority: e.target.value === 'none' ? null : (e.target.value as CasePriority) })}
      >
        <option value="" disabled>
          {t('bulk.setPriority')}
        </option>
        {CASE_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`priority.${p}`)}
          </option>
        ))}
        <option value="none">{t('bulk.noPriority')}</option>
      </select>
      <select
        className="bulk-select"
        aria-label={t('bulk.assignTo')}
        value=""
        disabled={act.isPending}
        onChange={(e) => e.target.value && run({ assigneeId: e.target.value === 'none' ? null : Number(e.target.value) })}
      >
        <option value="" disabled>
          {t('bulk.assignTo')}
        </option>
        <option value="none">{t('bulk.unassigned')}</option>
        {assignableAgents(directory?.agents ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {me.includes(a.id) ? t('caseEdit.you', { name: a.name }) : a.name}
          </option>
        ))}
      </select>
      <div className="bulk-buttons">
        <button type="button" className="button small" disabled={act.isPending} onClick={() => setTagging(true)}>
          <Tag size={12} aria-hidden="true" />
          {t('bulk.addTag')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={act.isPending}
          onClick={() => {
            const forSelection = selectedIds;
            setDone(null);
            openMacroPalette({ kind: 'bulk', caseIds: [...selectedIds], onQueued: (count, refused) => setDone({ count, for: forSelection, refused }) });
          }}
        >
          <Zap size={12} aria-hidden="true" />
          {t('macroApply.applyMacro')}
        </button>
        <button type="button" className="button small primary" disabled={act.isPending} onClick={() => run({ status: 'solved' })}>
          <CheckCircle2 size={12} aria-hidden="true" />
          {t('bulk.solve')}
        </button>
        <span className={`bulk-feedback${act.error ? ' is-error' : ''}`} role="status">
          {act.error ? t('bulk.failed', { message: act.error.message }) : done?.for === selectedIds ? t('bulk.queued', { count: done.count }) + (done.refused?.length ? ` ${t('bulk.refused', { count: done.refused.length, reason: done.refused[0]!.reason })}` : '') : ''}
        </span>
      </div>
      {tagging ? <AddTagDialog count={selectedIds.size} onAdd={(tags) => run({ addTags: tags })} onClose={() => setTagging(false)} /> : null}
    </div>
  );
}
