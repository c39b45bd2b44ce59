import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { useDateLocale } from '../../i18n';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { CasePresence } from '../presence';
import { RoutingSuggestions, SmartReasons } from '../priority';
import { SlaBadge } from '../sla';
import { CaseFields } from './CaseFields';

/** Subject, where and when it came in, and the fields an agent checks (and changes) before replying. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  return (
    <header className="case-header">
      <div className="case-title-row">
        <h1 className="case-subject">{detail.subject || t('inbox.noSubject')}</h1>
        <span className="case-remote-id">#{detail.remoteId}</span>
      </div>
      <p className="case-meta">
        <span className="with-icon" data-testid="case-channel">
          <ChannelIcon channel={detail.channel} size={14} decorative />
          {t(`channel.${detail.channel}`)}
        </span>
        <span aria-hidden="true">·</span>
        <span>
          {t('case.created')}{' '}
          <time dateTime={new Date(detail.createdAt).toISOString()} title={format(detail.createdAt, 'PPpp', { locale })}>
            {format(detail.createdAt, 'PP', { locale })}
          </time>
        </span>
        <SlaBadge sla={detail.sla} variant="header" />
      </p>
      <SmartReasons smart={detail.smart} />
      <CasePresence caseId={detail.id} />
      {/* Keyed by case: an error from the previous case's change does not follow the agent. */}
      <CaseFields key={detail.id} detail={detail} />
      {detail.assignee === null && detail.status !== 'solved' && detail.status !== 'closed' ? <RoutingSuggestions caseId={detail.id} /> : null}
    </header>
  );
}
