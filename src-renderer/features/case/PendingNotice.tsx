import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import { readableError } from '../../ui/readable-error';
import { openConflict, openOutbox } from '../outbox';

/** A held-back change on this case (conflict or failure) is said here too, not only in the outbox. */
export function PendingNotice({ actions }: { actions: readonly OutboxItemView[] }) {
  const { t } = useTranslation();
  const conflict = actions.find((a) => a.state === 'conflict');
  const failed = actions.find((a) => a.state === 'failed');
  if (conflict) {
    return (
      <div className="pending-notice is-conflict">
        <TriangleAlert size={16} aria-hidden="true" />
        <p>{t('case.pendingConflict')}</p>
        <button type="button" className="button small" onClick={() => openConflict(conflict.id)}>
          {t('case.reviewConflict')}
        </button>
      </div>
    );
  }
  if (failed) {
    return (
      <div className="pending-notice is-failed">
        <CircleAlert size={16} aria-hidden="true" />
        <p title={failed.lastError ?? undefined}>{t('case.pendingFailed', { message: readableError(failed.lastError ?? '') })}</p>
        <button type="button" className="button small" onClick={openOutbox}>
          {t('case.showOutbox')}
        </button>
      </div>
    );
  }
  return null;
}
