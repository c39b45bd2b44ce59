import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setShowSupervisorPanel, useSupervisorPrefs } from './supervisor-store';

/** Settings: show the panel to a team lead whose helpdesk role is agent (admins always see it). */
export function SupervisorSettings() {
  const { t } = useTranslation();
  const showPanel = useSupervisorPrefs((s) => s.showPanel);
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('supervisor.setting')}</h3>
      <label className="sv-setting">
        <input type="checkbox" checked={showPanel} onChange={(e) => setShowSupervisorPanel(e.target.checked)} aria-describedby={`${id}-hint`} />
        {t('supervisor.settingShow')}
      </label>
      <p id={`${id}-hint`} className="sv-muted sv-setting-hint">
        {t('supervisor.settingHint')}
      </p>
    </section>
  );
}
