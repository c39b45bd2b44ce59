import { CircleAlert, CirclePause, CloudOff, KeyRound, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { AccountView, NetworkStatusView } from '../../../src-shared/contract/models';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { needsSecrets, serverKindOf } from './notice-wording';
import { NoticeDetails } from './NoticeDetails';
import { NoticeIcon } from './NoticeItem';
import { openRecordIssues } from './record-issues';
import { SyncProgress } from './SyncProgress';
import { useNoticeText } from './use-notice-text';
import { useRetrySync } from './use-retry-sync';

/**
 * One account's sync, in the fewest words that tell the agent whether to worry. While the agent
 * works offline, or this account's helpdesk (mail server) cannot be reached, it does not sync: the
 * line says so instead of "Synced … ago", which would read as if all were well. Another account
 * being unreachable does not change this one's line. A step that does
 * not work (the helpdesk refuses the agents list, a page it sends cannot be read) is named in
 * words after the sync state, which stays as it is: the rest still syncs. Its technical text is
 * behind "Details". The line never grows past the status bar: the words end in an ellipsis. An
 * account whose token or password is missing (or refused) offers to enter it again, in Settings.
 */
export function AccountSyncLine({
  status,
  account,
  showName,
  network,
  onEnterSecrets,
}: {
  status: SyncStatusView;
  account: AccountView | undefined;
  showName: boolean;
  network: NetworkStatusView | undefined;
  /** Opens Settings at this account's token or password. */
  onEnterSecrets?: (accountId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const retry = useRetrySync();
  const wordNotice = useNoticeText();
  const server = serverKindOf(account?.kind);
  const accountName = account?.name ?? null;
  const notices = status.notices ?? [];
  const prefix = showName && accountName ? <span className="sync-account">{accountName}:</span> : null;
  const retryButton = (
    <button type="button" className="button small sync-retry" onClick={() => retry.mutate(status.accountId)} disabled={retry.isPending}>
      <RefreshCw size={12} aria-hidden="true" className={retry.isPending ? 'spin' : undefined} />
      {t('sync.retry')}
    </button>
  );
  const details = notices.length > 0 ? <NoticeDetails accountId={status.accountId} accountName={accountName} notices={notices} server={server} /> : null;
  const skippedCount = status.recordIssues?.skipped ?? 0;
  const skipped =
    skippedCount > 0 ? (
      <>
        <span className="sync-separator" aria-hidden="true">
          ·
        </span>
        <button type="button" className="link-button sync-skipped" data-testid="records-skipped" title={t('sync.skippedTitle')} onClick={() => openRecordIssues(status.accountId)}>
          {t('sync.skipped', { count: skippedCount })}
        </button>
      </>
    ) : null;

  // Our SLA clocks disagree with the helpdesk's own verdict on some clocks: worth a look (docs/sla.md).
  const slaCheck = status.slaCheck;
  const slaDiffers =
    slaCheck && slaCheck.disagreements > 0 ? (
      <>
        <span className="sync-separator" aria-hidden="true">
          ·
        </span>
        <span className="sync-sla-check" data-testid="sla-check" title={t('sync.slaCheckTitle', { cases: slaCheck.cases, time: new Date(slaCheck.knownUntil).toLocaleString(i18n.language) })}>
          {t('sync.slaDiffers', { count: slaCheck.disagreements })}
        </span>
      </>
    ) : null;

  // The step the line names: the worst one that is not the network (the offline line says that).
  const named = notices.filter((n) => n.severity !== 'offline');
  const lead = named[0] ? { notice: named[0], text: wordNotice(named[0], server) } : null;
  const summary = lead ? (
    <span
      className={`sync-notice is-${lead.text.wording.tone}`}
      data-testid="sync-notice"
      data-step={lead.notice.step}
      data-problem={lead.notice.problem}
      data-severity={lead.notice.severity}
    >
      <NoticeIcon tone={lead.text.wording.tone} />
      <span className="sync-notice-text" title={lead.text.full}>
        {lead.text.short}
      </span>
      {named.length > 1 ? <span className="sync-notice-more">{t('sync.moreNotices', { count: named.length - 1 })}</span> : null}
    </span>
  ) : null;

  // The account cannot sync at all (signed out): the line is the problem.
  if (status.state === 'error') {
    const enter =
      lead && needsSecrets(lead.notice) && onEnterSecrets ? (
        <button type="button" className="button small sync-enter-secret" title={t('sync.enterTitle')} onClick={() => onEnterSecrets(status.accountId)}>
          <KeyRound size={12} aria-hidden="true" />
          {server === 'mail' ? t('sync.enterPassword') : t('sync.enterToken')}
        </button>
      ) : null;
    return (
      <span className="sync-line is-error" data-account-id={status.accountId}>
        {prefix}
        {summary ?? (
          <span className="sync-notice is-error">
            <CircleAlert size={14} aria-hidden="true" />
            <span className="sync-notice-text">{t('sync.stopped')}</span>
          </span>
        )}
        {details}
        {enter ?? retryButton}
        {skipped}
      </span>
    );
  }
  if (network?.forcedOffline) {
    return (
      <span className="sync-line is-paused" data-sync-state="paused" data-account-id={status.accountId}>
        {prefix}
        <CirclePause size={14} aria-hidden="true" />
        <span className="sync-line-text">{t('sync.paused')}</span>
        {status.lastSyncedAt ? <LastSynced at={status.lastSyncedAt} /> : null}
      </span>
    );
  }
  // Only this account's server counts: another account being down does not stop this one.
  if (network?.unreachable.includes(status.accountId) || status.state === 'offline') {
    // Network trouble passes by itself: core retries and probes; the details say what failed.
    const engineOffline = status.state === 'offline';
    return (
      <span className="sync-line is-warning" data-sync-state="offline" data-account-id={status.accountId}>
        {prefix}
        <CloudOff size={14} aria-hidden="true" />
        <span className="sync-line-text">{server === 'mail' ? t('sync.offlineMail') : t('sync.offline')}</span>
        {status.lastSyncedAt ? <LastSynced at={status.lastSyncedAt} /> : null}
        {engineOffline && status.nextRetryAt ? <RetryIn at={status.nextRetryAt} /> : null}
        {details}
        {engineOffline ? retryButton : null}
      </span>
    );
  }
  if (status.state === 'backing-off' || status.state === 'stopped') {
    return (
      <span className="sync-line is-warning" data-sync-state={status.state} data-account-id={status.accountId}>
        {prefix}
        {summary ?? (
          <>
            <CloudOff size={14} aria-hidden="true" />
            <span className="sync-line-text">{status.state === 'stopped' ? t('sync.stopped') : t('sync.backingOff')}</span>
            {status.nextRetryAt && status.state !== 'stopped' ? <RetryIn at={status.nextRetryAt} /> : null}
          </>
        )}
        {details}
        {retryButton}
        {skipped}
      </span>
    );
  }
  const base = !status.historyComplete ? (
    <SyncProgress status={status} />
  ) : (
    <>
      <span className="sync-dot" aria-hidden="true" />
      {status.lastSyncedAt ? <SyncedAgo at={status.lastSyncedAt} /> : <span className="sync-line-text">{t('sync.following')}</span>}
    </>
  );
  return (
    <span className={`sync-line${status.historyComplete ? ' is-ok' : ''}`} data-sync-state={status.historyComplete ? 'ok' : undefined} data-account-id={status.accountId}>
      {prefix}
      {base}
      {summary ? (
        <>
          <span className="sync-separator" aria-hidden="true">
            ·
          </span>
          {summary}
        </>
      ) : null}
      {details}
      {skipped}
      {slaDiffers}
    </span>
  );
}

function SyncedAgo({ at }: { at: number }) {
  const { t } = useTranslation();
  const label = useRelativeLabel(at);
  return (
    <time className="sync-line-text" dateTime={label.iso} title={label.absolute}>
      {label.justNow ? t('sync.syncedJustNow') : t('sync.synced', { time: label.text })}
    </time>
  );
}

function LastSynced({ at }: { at: number }) {
  const { t } = useTranslation();
  const label = useRelativeLabel(at);
  return (
    <time className="muted sync-line-text" dateTime={label.iso} title={label.absolute}>
      · {t('sync.lastSynced', { time: label.text })}
    </time>
  );
}

function RetryIn({ at }: { at: number }) {
  const { t } = useTranslation();
  const seconds = Math.max(1, Math.round((at - Date.now()) / 1000));
  const time = seconds < 60 ? t('time.seconds', { count: seconds }) : t('time.minutes', { count: Math.round(seconds / 60) });
  return <span className="muted sync-line-text">({t('sync.retryIn', { time })})</span>;
}
