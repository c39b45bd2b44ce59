import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshDesktopPermission, requestDesktopPermission, useDesktopPermission } from './desktop-notifications';

/** Settings → Notifications: whether at-risk cases raise desktop notifications, and a button to allow them. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const headingId = useId();
  const stateId = useId();
  const permission = useDesktopPermission((s) => s.permission);
  useEffect(() => void refreshDesktopPermission(), []);
  return (
    <section className="settings-section" aria-labelledby={headingId} data-testid="sla-notification-settings">
      <h3 id={headingId}>{t('sla.settings.heading')}</h3>
      <p id={stateId} className="sla-notify-state" data-testid="desktop-notifications-state" data-permission={permission}>
        {t(`sla.settings.${permission}`)}
      </p>
      {permission === 'default' ? (
        <button type="button" className="button" aria-describedby={stateId} onClick={() => void requestDesktopPermission()}>
          {t('sla.notify.turnOn')}
        </button>
      ) : null}
    </section>
  );
}
