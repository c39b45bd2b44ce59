import { CloudOff, Inbox, Wifi, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSetOffline } from '../../api';
import { openOutbox } from './outbox-store';
import { networkState, outboxLength, useNetworkStatus } from './use-network-status';
import './outbox.css';

const STATE_ICONS = { online: Wifi, offline: WifiOff, workingOffline: CloudOff } as const;

/** The status bar's right side: online or not, "Work offline", and the outbox with its length. */
export function NetworkStatus() {
  const { t } = useTranslation();
  const status = useNetworkStatus().data;
  const setOffline = useSetOffline();
  if (!status) return null;
  const state = networkState(status);
  const Icon = STATE_ICONS[state];
  const length = outboxLength(status);
  const needsYou = status.outbox.failed + status.outbox.conflict > 0;
  const forced = status.forcedOffline;

  return (
    <div className="network-status">
      <span className={`network-state is-${state}`} title={t(`network.${state}Title`)}>
        <Icon size={13} aria-hidden="true" />
        <span data-testid="network-state">{t(`network.${state}`)}</span>
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
