import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NetworkStatus } from '../features/outbox';
import { MyPresence } from '../features/presence';
import { openSettingsAt } from '../features/settings';
import { SlaAlerts } from '../features/sla';
import { SyncStatus } from '../features/sync';

const enterAccountSecrets = (accountId: number) => openSettingsAt({ kind: 'account-secrets', accountId });
const enterPresencePassword = () => openSettingsAt({ kind: 'presence-password' });

// Memoized: it takes no props, so a parent's re-render (opening a case) does not re-render it.
export const StatusBar = memo(function StatusBar() {
  const { t } = useTranslation();
  return (
    <footer className="status-bar">
      <SyncStatus onEnterSecrets={enterAccountSecrets} />
      <SlaAlerts />
      <div className="status-right">
        <MyPresence onEnterPassword={enterPresencePassword} />
        <NetworkStatus />
        <span className="status-hint" aria-hidden="true">
          <kbd>?</kbd> {t('app.shortcuts')}
        </span>
      </div>
    </footer>
  );
});
