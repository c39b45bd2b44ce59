import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { accountsQuery } from '../../api';
import { useDateLocale } from '../../i18n';
import { ChannelIcon, useChannelName } from '../../ui/ChannelIcon';
import { CasePresence } from '../presence';
import { RoutingSuggestions, SmartReasons } from '../priority';
import { SlaBadge, SlaHelpdeskVerdict } from '../sla';
import { CaseFields } from './CaseFields';

/** Subject, where and when it came in, and the fields an agent checks (and changes) before replying. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  const accounts = useQuery(accountsQuery()).data ?? [];
  const account = accounts.find((a) => a.id === detail.accountId);
  // A mail case's id is a long hash that means nothing to a person: the header names its mailbox instead.
  const isMail = account?.kind === 'email';
  const channelName = useChannelName();
  return (
    <header className="case-header">
      <div className="case-title-row">
        <h1 className="case-subject">{detail.subject || t('inbox.noSubject')}</h1>
        {isMail ? null : <span className="case-remote-id">#{detail.remoteId}</span>}
      </div>
      <p className="case-meta">
        <span className="with-icon" data-testid="case-channel">
          <ChannelIcon channel={detail.channel} size={14} decorative />
          {channelName(detail.channel, detail.unmapped?.via)}
        </span>
        {account && (isMail || accounts.length > 1) ? (
          <>
            <span aria-hidden="true">·</span>
            <span className="case-account" title={isMail ? `#${detail.remoteId}` : undefined}>
              {account.name}
            </span>
          </>
        ) : null}
        <span aria-hidden="true">·</span>
        <span>
          {t('case.created')}{' '}
          <time dateTime={new Date(detail.createdAt).toISOString()} title={format(detail.createdAt, 'PPpp', { locale })}>
            {format(detail.createdAt, 'PP', { locale })}
          </time>
        </span>
        <SlaBadge sla={detail.sla} variant="header" />
        <SlaHelpdeskVerdict sla={detail.sla} />
      </p>
      <SmartReasons smart={detail.smart} />
      <CasePresence caseId={detail.id} />
      {/* Keyed by case: an error from the previous case's change does not follow the agent. */}
      <CaseFields key={detail.id} detail={detail} />
      {detail.assignee === null && detail.status !== 'solved' && detail.status !== 'closed' ? <RoutingSuggestions caseId={detail.id} /> : null}
    </header>
  );
}
