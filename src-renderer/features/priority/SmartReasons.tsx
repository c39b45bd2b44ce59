import { Zap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SmartPriorityView } from '../../../src-shared/contract/priority';
import { useFormatters } from '../../ui/use-formatters';
import { smartReasonText, smartSummary } from './reason-label';

/** The case header's line: "Smart priority 55" and each reason with its points, largest first. */
export function SmartReasons({ smart }: { smart: SmartPriorityView | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!smart) return null;
  const summary = smartSummary(t, format, smart);
  return (
    <div className="case-smart" data-testid="case-smart" data-score={smart.score} role="group" aria-label={summary} title={summary}>
      <span className="case-smart-score">
        <Zap size={13} aria-hidden="true" />
        {t('smartPriority.score', { score: smart.score })}
      </span>
      {smart.reasons.length > 0 ? (
        <ul className="case-smart-reasons" aria-hidden="true">
          {smart.reasons.map((reason, i) => (
            <li key={`${reason.kind}-${i}`} className={`smart-reason reason-${reason.kind}`} data-testid="smart-reason" data-kind={reason.kind}>
              {smartReasonText(t, format, reason)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
