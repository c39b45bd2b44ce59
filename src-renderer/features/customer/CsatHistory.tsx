import { format } from 'date-fns';
import { ThumbsDown, ThumbsUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src-shared/contract/models';
import { useDateLocale } from '../../i18n';

/** How this customer rated past conversations. */
export function CsatHistory({ csat }: { csat: CustomerDetail['csat'] }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  if (csat.length === 0) return <p className="muted small">{t('customer.noCsat')}</p>;
  return (
    <ul className="csat-list" aria-label={t('customer.csat')}>
      {csat.map((entry) => {
        const good = entry.score === 'good';
        return (
          <li key={entry.caseId} className={`csat ${good ? 'csat-good' : 'csat-bad'}`}>
            {good ? <ThumbsUp size={14} aria-hidden="true" /> : <ThumbsDown size={14} aria-hidden="true" />}
            <span className="csat-score">{good ? t('customer.csatGood') : t('customer.csatBad')}</span>
            <span className="csat-date">{format(entry.at, 'PP', { locale })}</span>
          </li>
        );
      })}
    </ul>
  );
}
