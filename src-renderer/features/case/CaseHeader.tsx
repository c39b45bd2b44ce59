import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { useDateLocale } from '../../i18n';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { StatusPill } from '../../ui/StatusPill';
import { TagList } from '../../ui/TagList';

/** Subject, helpdesk id and the fields an agent checks before replying. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  return (
    <header className="case-header">
      <div className="case-title-row">
        <h1 className="case-subject">{detail.subject || t('inbox.noSubject')}</h1>
        <span className="case-remote-id">#{detail.remoteId}</span>
      </div>
      <dl className="case-fields" aria-label={t('case.fields')}>
        <div>
          <dt>{t('case.status')}</dt>
          <dd>
            <StatusPill status={detail.status} />
          </dd>
        </div>
        <div>
          <dt>{t('case.priority')}</dt>
          <dd>{detail.priority ? <PriorityBadge priority={detail.priority} /> : <span className="muted">{t('priority.none')}</span>}</dd>
        </div>
        <div>
          <dt>{t('case.assignee')}</dt>
          <dd>{detail.assignee?.name ?? <span className="muted">{t('inbox.unassigned')}</span>}</dd>
        </div>
        <div>
          <dt>{t('case.group')}</dt>
          <dd>{detail.group?.name ?? <span className="muted">{t('case.noGroup')}</span>}</dd>
        </div>
        <div>
          <dt>{t('case.channel')}</dt>
          <dd className="with-icon">
            <ChannelIcon channel={detail.channel} size={14} decorative />
            {t(`channel.${detail.channel}`)}
          </dd>
        </div>
        <div>
          <dt>{t('case.created')}</dt>
          <dd>
            <time dateTime={new Date(detail.createdAt).toISOString()} title={format(detail.createdAt, 'PPpp', { locale })}>
              {format(detail.createdAt, 'PP', { locale })}
            </time>
          </dd>
        </div>
        <div className="case-fields-wide">
          <dt>{t('case.tags')}</dt>
          <dd>{detail.tags.length > 0 ? <TagList tags={detail.tags} /> : <span className="muted">{t('case.noTags')}</span>}</dd>
        </div>
      </dl>
    </header>
  );
}
