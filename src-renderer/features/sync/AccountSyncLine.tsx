import { CircleAlert, CloudOff, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { SyncProgress } from './SyncProgress';
import { useRetrySync } from './use-retry-sync';

/** One account's sync, in the fewest words that tell the agent whether to worry. */
export function AccountSyncLine({ status, accountName }: { status: SyncStatusView; accountName: string | null }) {
  const { t } = useTranslation();
  const retry = useRetrySync();
  const prefix = accountName ? <span className="sync-account">{accountName}:</span> : null;
  const retryButton = (
    <button type="button" className="button small" onClick={() => retry.mutate(status.accountId)} disabled={retry.isPending}>
      <RefreshCw size={12} aria-hidden="true" className={retry.isPending ? 'spin' : undefined} />
      {t('sync.retry')}
    </button>
  );

  if (status.state === 'error' || (status.error && status.state !== 'following')) {
    return (
      <span className="sync-line is-error">
        {prefix}
        <CircleAlert size={14} aria-hidden="true" />
        <span className="sync-error-text" title={status.error ?? undefined}>
          {t('sync.error', { message: status.error ?? '' })}
        </span>
        {retryButton}
      </span>
    );
  }
  if (status.state === 'offline' || status.state === 'backing-off' || status.state === 'stopped') {
    return (
      <span className="sync-line is-warning">
        {prefix}
        <CloudOff size={14} aria-hidden="true" />
        <span>{status.state === 'offline' ? t('sync.offline') : status.state === 'stopped' ? t('sync.stopped') : t('sync.backingOff')}</span>
        {status.nextRetryAt && status.state !== 'stopped' ? <RetryIn at={status.nextRetryAt} /> : null}
        {retryButton}
      </span>
    );
  }
  if (!status.historyComplete) {
    return (
      <span className="sync-line">
        {prefix}
        <SyncProgress status={status} />
      </span>
    );
  }
  return (
    <span className="sync-line is-ok">
      {prefix}
      <span className="sync-dot" aria-hidden="true" />
      {status.lastSyncedAt ? <SyncedAgo at={status.lastSyncedAt} /> : <span>{t('sync.following')}</span>}
    </span>
  );
}

function SyncedAgo({ at }: { at: number }) {
  const { t } = useTranslation();
  const label = useRelativeLabel(at);
  return (
    <time dateTime={label.iso} title={label.absolute}>
      {label.justNow ? t('sync.syncedJustNow') : t('sync.synced', { time: label.text })}
    </time>
  );
}

function RetryIn({ at }: { at: number }) {
  const { t } = useTranslation();
  const seconds = Math.max(1, Math.round((at - Date.now()) / 1000));
  const time = seconds < 60 ? t('time.seconds', { count: seconds }) : t('time.minutes', { count: Math.round(seconds / 60) });
  return <span className="muted">({t('sync.retryIn', { time })})</span>;
}
