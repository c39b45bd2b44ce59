import { CircleAlert, CirclePause, CloudOff, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { NetworkStatusView } from '../../../src-shared/contract/models';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { SyncProgress } from './SyncProgress';
import { useRetrySync } from './use-retry-sync';

/**
 * One account's sync, in the fewest words that tell the agent whether to worry. While the app is
 * offline (the agent chose "Work offline", or the helpdesk cannot be reached) nothing syncs: the
 * line says so instead of "Synced … ago", which would read as if all were well.
 */
export function AccountSyncLine({ status, accountName, network }: { status: SyncStatusView; accountName: string | null; network: NetworkStatusView | undefined }) {
  const { t } = useTranslation();
  const retry = useRetrySync();
  const prefix = accountName ? <span className="sync-account">{accountName}:</span> : null;
  const retryButton = (
    <button type="button" className="button small" onClick={() => retry.mutate(status.accountId)} disabled={retry.isPending}>
      <RefreshCw size={12} aria-hidden="true" className={retry.isPending ? 'spin' : undefined} />
      {t('sync.retry')}
    </button>
  );

  const errorLine = (
    <span className="sync-line is-error">
      {prefix}
      <CircleAlert size={14} aria-hidden="true" />
      <span className="sync-error-text" title={status.error ?? undefined}>
        {t('sync.error', { message: status.error ?? '' })}
      </span>
      {retryButton}
    </span>
  );

  if (status.state === 'error') return errorLine;
  if (network?.forcedOffline) {
    return (
      <span className="sync-line is-paused" data-sync-state="paused">
        {prefix}
        <CirclePause size={14} aria-hidden="true" />
        <span>{t('sync.paused')}</span>
        {status.lastSyncedAt ? <LastSynced at={status.lastSyncedAt} /> : null}
      </span>
    );
  }
  if ((network && !network.online) || status.state === 'offline') {
    // Network trouble passes by itself: core retries and probes; the details are in the tooltip.
    const engineOffline = status.state === 'offline';
    return (
      <span className="sync-line is-warning" data-sync-state="offline">
        {prefix}
        <CloudOff size={14} aria-hidden="true" />
        <span title={status.error ?? undefined}>{t('sync.offline')}</span>
        {status.lastSyncedAt ? <LastSynced at={status.lastSyncedAt} /> : null}
        {engineOffline && status.nextRetryAt ? <RetryIn at={status.nextRetryAt} /> : null}
        {engineOffline ? retryButton : null}
      </span>
    );
  }
  if (status.error && status.state !== 'following') return errorLine;
  if (status.state === 'backing-off' || status.state === 'stopped') {
    return (
      <span className="sync-line is-warning" data-sync-state={status.state}>
        {prefix}
        <CloudOff size={14} aria-hidden="true" />
        <span>{status.state === 'stopped' ? t('sync.stopped') : t('sync.backingOff')}</span>
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
    <span className="sync-line is-ok" data-sync-state="ok">
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

function LastSynced({ at }: { at: number }) {
  const { t } = useTranslation();
  const label = useRelativeLabel(at);
  return (
    <time className="muted" dateTime={label.iso} title={label.absolute}>
      · {t('sync.lastSynced', { time: label.text })}
    </time>
  );
}

function RetryIn({ at }: { at: number }) {
  const { t } = useTranslation();
  const seconds = Math.max(1, Math.round((at - Date.now()) / 1000));
  const time = seconds < 60 ? t('time.seconds', { count: seconds }) : t('time.minutes', { count: Math.round(seconds / 60) });
  return <span className="muted">({t('sync.retryIn', { time })})</span>;
}
