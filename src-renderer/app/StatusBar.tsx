import { useTranslation } from 'react-i18next';
import { SyncStatus } from '../features/sync';

export function StatusBar() {
  const { t } = useTranslation();
  return (
    <footer className="status-bar">
      <SyncStatus />
      <span className="status-hint" aria-hidden="true">
        <kbd>?</kbd> {t('app.shortcuts')}
      </span>
    </footer>
  );
}
