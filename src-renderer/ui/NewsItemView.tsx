import { useTranslation } from 'react-i18next';
import type { CaseNewsItem } from '../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../src-shared/domain/case-fields';
import { MessageBrief } from './MessageBrief';
import { RelativeTime } from './RelativeTime';

/**
 * One thing that happened on a case since the agent acted: a message from someone else, a field
 * the helpdesk now has otherwise, a teammate's announced action. For the send-time guard and the
 * conflict dialog; `classPrefix` keeps each place's own styles.
 */
export function NewsItemView({ item, classPrefix }: { item: CaseNewsItem; classPrefix: string }) {
  const { t } = useTranslation();
  if (item.kind === 'message') return <MessageBrief message={item.message} classPrefix={`${classPrefix}-message`} />;
  if (item.kind === 'field') {
    return (
      <p className={`${classPrefix}-item-head`}>
        <span className={`${classPrefix}-field`}>{t(`composer.guard.field.${item.field}`)}</span>
        <FieldChange item={item} className={`${classPrefix}-change`} />
      </p>
    );
  }
  const e = item.event;
  let what: string;
  if (e.kind === 'replied') what = e.public === false ? t('composer.guard.eventNoted', { name: e.name }) : t('composer.guard.eventReplied', { name: e.name });
  else if (e.kind === 'status_changed') what = t('composer.guard.eventStatus', { name: e.name, status: e.status ? t(`status.${e.status}`) : '?' });
  else what = t('composer.guard.eventAssigned', { name: e.name });
  return (
    <p className={`${classPrefix}-item-head`}>
      <span className={`${classPrefix}-event`}>{what}</span>
      <RelativeTime at={e.at} className="muted" />
      <span className={`muted ${classPrefix}-arriving`}>{t('composer.guard.arriving')}</span>
    </p>
  );
}

function FieldChange({ item, className }: { item: Extract<CaseNewsItem, { kind: 'field' }>; className: string }) {
  const { t } = useTranslation();
  if (item.field === 'tags') {
    const before = new Set((item.from ?? '').split(' ').filter(Boolean));
    const after = new Set((item.to ?? '').split(' ').filter(Boolean));
    const added = [...after].filter((tag) => !before.has(tag)).map((tag) => `+${tag}`);
    const removed = [...before].filter((tag) => !after.has(tag)).map((tag) => `−${tag}`);
    return <span className={className}>{[...added, ...removed].join(' ')}</span>;
  }
  const label = (value: string | null): string => {
    if (item.field === 'status') return value ? t(`status.${value as CaseStatus}`) : '—';
    if (item.field === 'priority') return value ? t(`priority.${value as CasePriority}`) : t('priority.none');
    return value ?? t('composer.guard.nobody');
  };
  return (
    <span className={className}>
      {label(item.from)} → <strong>{label(item.to)}</strong>
    </span>
  );
}
