import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import { readableError } from '../../ui/readable-error';
import { openConflict, openOutbox } from '../outbox';

/** A held-back change on this case (conflict or failure) is said here too, not only in the outbox; a conflict holds the case's whole queue. */
export function PendingNotice({ actions }: { actions: readonly OutboxItemView[] }) {
  const { t } = useTranslation();
  const conflict = actions.find((a) => a.state === 'conflict');
  const failed = actions.find((a) => a.state === 'failed');
  if (conflict) {
    // The whole queue of the case is held with it: say how many of the agent's changes wait.
    const held = actions.filter((a) => a.state === 'conflict' || a.hold !== null).length;
    return (
      <div className="pending-notice is-conflict" data-testid="pending-conflict" data-held={held}>
        <TriangleAlert size={16} aria-hidden="true" />
        <p>{t('case.pendingConflict', { count: held })}</p>
        <button type="button" className="button small" onClick={() => openConflict(conflict.caseId, conflict.id)}>
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
