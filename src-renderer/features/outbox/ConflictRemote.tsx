import { useTranslation } from 'react-i18next';
import type { CaseQueueReview } from '../../../src-shared/contract/models';
import { CASE_STATUSES, type CaseStatus } from '../../../src-shared/domain/case-fields';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusPill } from '../../ui/StatusPill';

function isStatus(value: string | null): value is CaseStatus {
  return value !== null && (CASE_STATUSES as readonly string[]).includes(value);
}

/** The helpdesk's side of a held queue: the case's status and last update as read again. */
export function ConflictRemote({ review }: { review: CaseQueueReview }) {
  const { t } = useTranslation();
  const { status, updatedAt } = review.remote;
  return (
    <section className="conflict-remote" aria-label={t('conflict.theirs')}>
      <h3>{t('conflict.theirs')}</h3>
      <dl className="conflict-remote-fields">
        <div>
          <dt>{t('conflict.remoteStatus')}</dt>
          <dd data-testid="conflict-remote-status">{isStatus(status) ? <StatusPill status={status} /> : t('conflict.unknown')}</dd>
        </div>
        <div>
          <dt>{t('conflict.remoteUpdated')}</dt>
          <dd>{updatedAt ? <RelativeTime at={updatedAt} /> : t('conflict.unknown')}</dd>
        </div>
      </dl>
      {review.reread === false ? <p className="muted small">{t('conflict.notReread')}</p> : null}
    </section>
  );
}
