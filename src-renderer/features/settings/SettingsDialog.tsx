import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { NotificationSettings, SlaPolicySettings } from '../sla';
import { PrioritySettingsSection } from '../priority';
import { SupervisorSettings } from '../supervisor';
import { AccountsSection } from './AccountsSection';
import { AppearanceSection } from './AppearanceSection';
import { PresenceSection } from './PresenceSection';
import './settings.css';

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('settings.title')} onClose={onClose} className="settings-dialog">
      <AccountsSection />
      <PresenceSection />
      <NotificationSettings />
      <SlaPolicySettings />
      <PrioritySettingsSection />
      <AppearanceSection />
      <SupervisorSettings />
    </Dialog>
  );
}
