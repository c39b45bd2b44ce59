import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import { useFormatters } from '../../ui/use-formatters';

/** The first sync: a bar for cases, a count for messages. The inbox is usable meanwhile. */
export function SyncProgress({ status }: { status: SyncStatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { done } = status.cases;
  // New cases keep arriving during the first sync; the estimate never reads "101 of 100".
  const total = status.cases.total === null ? null : Math.max(status.cases.total, done);
  const percent = total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : null;
  return (
    <span className="sync-progress">
      <span
        className={`progress${percent === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('sync.progressLabel')}
        aria-valuemin={0}
        aria-valuenow={total ? done : undefined}
        aria-valuemax={total ?? undefined}
      >
        <span className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </span>
      <span>
        {total ? t('sync.progress', { done: format.integer(done), total: format.integer(total) }) : t('sync.progressUnknown', { done: format.integer(done) })}
        {' · '}
        {t('sync.messagesDone', { count: status.messages.done, n: format.integer(status.messages.done) })}
      </span>
    </span>
  );
}
