import { CloudOff, Inbox, Wifi, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSetOffline } from '../../api';
import { openOutbox } from './outbox-store';
import { outboxLength } from './network-state';
import { useNetworkSummary } from './use-network-status';
import './outbox.css';

const STATE_ICONS = { online: Wifi, offline: WifiOff, partlyOffline: WifiOff, workingOffline: CloudOff } as const;

/**
 * The status bar's right side: online or not, "Work offline", and the outbox with its length.
 * With one account's server down and another's up, it names the one that is down: the others
 * keep syncing and sending.
 */
export function NetworkStatus() {
  const { t } = useTranslation();
  const summary = useNetworkSummary();
  const setOffline = useSetOffline();
  if (!summary) return null;
  const { status, state, down } = summary;
  const Icon = STATE_ICONS[state];
  const length = outboxLength(status);
  const needsYou = status.outbox.failed + status.outbox.conflict > 0;
  const forced = status.forcedOffline;
  const names = down.map((account) => account.name).join(', ');
  const label = state === 'partlyOffline' ? (down.length === 1 ? t('network.accountOffline', { account: names }) : t('network.accountsOffline', { count: down.length })) : t(`network.${state}`);
  const title = state === 'partlyOffline' ? t('network.partlyOfflineTitle', { accounts: names }) : t(`network.${state}Title`);

  return (
    <div className="network-status">
      <span className={`network-state is-${state}`} title={title} data-unreachable={status.unreachable.join(' ') || undefined}>
        <Icon size={13} aria-hidden="true" />
        <span data-testid="network-state">{label}</span>
      </span>
      <button
        type="button"
        className={`status-toggle${forced ? ' is-on' : ''}`}
        aria-pressed={forced}
        title={forced ? t('network.workOfflineTitleOn') : t('network.workOfflineTitleOff')}
        disabled={setOffline.isPending}
        onClick={() => setOffline.mutate(!forced)}
      >
        <span className="status-toggle-track" aria-hidden="true">
          <span className="status-toggle-thumb" />
        </span>
        {t('network.workOffline')}
      </button>
      <button
        type="button"
        className={`outbox-count${length > 0 ? ' has-items' : ''}${needsYou ? ' needs-you' : ''}`}
        data-testid="outbox-count"
        aria-label={t('network.outboxCount', { count: length })}
        title={t('network.outboxCount', { count: length })}
        onClick={openOutbox}
      >
        <Inbox size={13} aria-hidden="true" />
        {length}
      </button>
    </div>
  );
}
