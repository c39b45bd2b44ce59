import { format } from 'date-fns';
import { BellRing, X } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateLocale } from '../../i18n';
import { openCase } from '../inbox';
import { dismissSlaAlert, useSlaAlerts } from './alerts-store';
import './sla.css';

/**
 * The status bar's at-risk alert (when desktop notifications are off): the newest case that went
 * at risk, how many more, a button opening it and one dismissing it. In the status bar so it never
 * covers the work.
 */
export const SlaAlerts = memo(function SlaAlerts() {
  const { t } = useTranslation();
  const locale = useDateLocale();
  const alerts = useSlaAlerts((s) => s.alerts);
  const alert = alerts.at(-1);
  if (!alert) return null;
  const { clock } = alert;
  const target = t(`sla.target.${clock.target}`);
  const text = t('sla.notify.alert', { target, id: clock.remoteId, subject: clock.subject || t('inbox.noSubject') });
  return (
    <div className="sla-alert" role="alert" data-testid="sla-alert" data-case-id={clock.caseId} title={t('sla.title.due', { target, due: format(clock.dueAt, 'PPp', { locale }) })}>
      <BellRing size={13} aria-hidden="true" />
      <span className="sla-alert-text">{text}</span>
      {alerts.length > 1 ? <span className="sla-alert-more">{t('sla.notify.more', { count: alerts.length - 1 })}</span> : null}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          dismissSlaAlert(alert.key);
          openCase(clock.caseId);
        }}
      >
        {t('sla.notify.open')}
      </button>
      <button type="button" className="icon-button small" aria-label={t('sla.notify.dismiss')} title={t('sla.notify.dismiss')} onClick={() => dismissSlaAlert(alert.key)}>
        <X size={13} aria-hidden="true" />
      </button>
    </div>
  );
});
