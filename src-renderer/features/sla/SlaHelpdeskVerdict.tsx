import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CaseSlaView } from '../../../src-shared/contract/sla';
import { useDateLocale } from '../../i18n';
import './sla.css';

/**
 * The helpdesk's own verdict on the case's clocks (docs/sla.md "The helpdesk's verdict"), beside
 * our badge: "Helpdesk: First reply met · Resolution breached". Shown only when the helpdesk
 * reports one; core states it as of now (a breach the helpdesk announced for later is not one yet).
 */
export function SlaHelpdeskVerdict({ sla }: { sla: CaseSlaView | null | undefined }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  const clocks = sla?.helpdesk ?? [];
  if (clocks.length === 0) return null;
  return (
    <span className="sla-helpdesk" data-testid="case-sla-helpdesk" role="group" aria-label={t('sla.helpdesk.aria')}>
      <span className="sla-helpdesk-label">{t('sla.helpdesk.label')}</span>
      {clocks.map((clock, i) => {
        const target = t(`sla.target.${clock.target}`);
        const time = clock.at === null ? '' : format(clock.at, 'PPp', { locale });
        return (
          <span key={clock.target} className={`sla-helpdesk-clock is-${clock.state}`} data-target={clock.target} data-state={clock.state} title={t(`sla.helpdesk.title.${clock.state}`, { target, time })}>
            {i > 0 ? <span aria-hidden="true">· </span> : null}
            {t('sla.helpdesk.clock', { target, state: t(`sla.helpdesk.state.${clock.state}`) })}
          </span>
        );
      })}
    </span>
  );
}
