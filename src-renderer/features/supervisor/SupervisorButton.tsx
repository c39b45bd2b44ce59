import { LayoutDashboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toggleSupervisor, useSupervisorOpen } from './supervisor-store';
import { useMaySupervise } from './use-supervisor';

/** The top bar's entry to the panel: shown to supervisors (admins) and when the setting is on. */
export function SupervisorButton() {
  const { t } = useTranslation();
  const allowed = useMaySupervise();
  const open = useSupervisorOpen((s) => s.open);
  if (!allowed) return null;
  return (
    <button type="button" className="button ghost" aria-pressed={open} title={t('supervisor.openTitle')} onClick={toggleSupervisor} data-testid="supervisor-toggle">
      <LayoutDashboard size={16} aria-hidden="true" />
      {t('supervisor.open')}
    </button>
  );
}

/** The panel shows only while it is open and the agent may see it. */
export function useSupervisorShown(): boolean {
  const allowed = useMaySupervise();
  const open = useSupervisorOpen((s) => s.open);
  return allowed && open;
}
