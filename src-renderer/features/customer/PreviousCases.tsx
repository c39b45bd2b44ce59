import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../src-shared/contract/models';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusPill } from '../../ui/StatusPill';
import { openCase } from '../inbox';

/** Everything else this person raised, in any channel; one click opens it. */
export function PreviousCases({ cases, currentCaseId }: { cases: readonly InboxRow[]; currentCaseId: number | null }) {
  const { t } = useTranslation();
  const others = cases.filter((c) => c.id !== currentCaseId);
  if (others.length === 0) return <p className="muted small">{t('customer.noPreviousCases')}</p>;
  return (
    <ul className="previous-cases" aria-label={t('customer.previousCases')}>
      {others.map((c) => (
        <li key={c.id}>
          <button type="button" className="previous-case" onClick={() => openCase(c.id)}>
            <ChannelIcon channel={c.channel} size={14} />
            <span className="previous-case-subject">{c.subject || t('inbox.noSubject')}</span>
            <span className="previous-case-meta">
              <StatusPill status={c.status} />
              <RelativeTime at={c.createdAt} />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
