import { useQuery } from '@tanstack/react-query';
import { PencilLine } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { directoryQuery } from '../../api';
import { describeIntent } from '../../ui/intent-lines';
import { endEditing } from './composer-editing';
import type { EditingAction } from './composer-store';

/** Says the composer holds a queued message being reworked after a conflict, not the draft. */
export function EditingBanner({ caseId, editing }: { caseId: number; editing: EditingAction }) {
  const { t } = useTranslation();
  const directory = useQuery(directoryQuery()).data;
  const { fields } = describeIntent(editing.intent, t, directory);
  return (
    <div className="composer-editing">
      <PencilLine size={14} aria-hidden="true" />
      <div className="composer-editing-text">
        <p>{editing.intent.comment?.public === false ? t('composer.editingNote') : t('composer.editingReply')}</p>
        {fields.length > 0 ? <p className="muted">{t('composer.editingAlso', { changes: fields.join(' · ') })}</p> : null}
      </div>
      <button type="button" className="button small" onClick={() => endEditing(caseId)}>
        {t('composer.cancelEdit')}
      </button>
    </div>
  );
}
