import { useTranslation } from 'react-i18next';
import { NetworkStatus } from '../features/outbox';
import { SyncStatus } from '../features/sync';

export function StatusBar() {
  const { t } = useTranslation();
  return (
    <footer className="status-bar">
      <SyncStatus />
      <div className="status-right">
        <NetworkStatus />
        <span className="status-hint" aria-hidden="true">
          <kbd>?</kbd> {t('app.shortcuts')}
        </span>
      </div>
    </footer>
  );
}
