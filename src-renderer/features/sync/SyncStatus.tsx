import { useQuery } from '@tanstack/react-query';
import { Plug } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { networkStatusQuery, useConnectionState } from '../../api';
import { AccountSyncLine } from './AccountSyncLine';
import { useAccounts, useSyncStatus } from './use-sync-status';
import './sync.css';

/**
 * The status bar's live region: the connection to Shiftdesk, then each account's sync (every
 * account, including one that cannot sync). `onEnterSecrets` opens Settings at an account whose
 * token or password has to be entered again.
 */
export function SyncStatus({ onEnterSecrets }: { onEnterSecrets?: (accountId: number) => void }) {
  const { t } = useTranslation();
  const connection = useConnectionState((s) => s.status);
  // A restarted web host has a new token: after a few failures, say how to get back in.
  const stuck = useConnectionState((s) => s.failedAttempts >= 5);
  const statuses = useSyncStatus().data;
  const accounts = useAccounts().data;
  // Online / working offline (kept current by core's network events): sync pauses with it.
  const network = useQuery(networkStatusQuery()).data;
  const several = (statuses?.length ?? 0) > 1;

  let content;
  if (connection === 'unauthorized') {
    content = (
      <span className="sync-line is-error">
        <Plug size={14} aria-hidden="true" />
        {t('sync.unauthorized')}
      </span>
    );
  } else if (connection === 'connecting') {
    content = <span className="sync-line muted">{t('sync.connecting')}</span>;
  } else if (connection === 'reconnecting') {
    content = (
      <span className="sync-line is-error" data-connection="disconnected">
        <Plug size={14} aria-hidden="true" />
        {t('sync.disconnected')} · <span className="muted">{stuck ? t('sync.restartedHint') : t('sync.reconnecting')}</span>
      </span>
    );
  } else if (statuses === undefined) {
    content = null;
  } else if (statuses.length === 0) {
    content = <span className="sync-line muted">{accounts && accounts.length > 0 ? t('sync.neverSynced') : t('sync.noAccounts')}</span>;
  } else {
    content = statuses.map((status) => (
      <AccountSyncLine
        key={status.accountId}
        status={status}
        network={network}
        account={accounts?.find((a) => a.id === status.accountId)}
        showName={several}
        {...(onEnterSecrets ? { onEnterSecrets } : {})}
      />
    ));
  }

  return (
    // No aria-label: "Sync status" would also answer to getByLabel('Status'), the filter's name.
    <div className="sync-status" role="status" data-testid="sync-status">
      {content}
    </div>
  );
}
