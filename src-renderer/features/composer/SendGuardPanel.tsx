import { AlertTriangle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseNewsItem } from '../../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import { MessageBrief } from '../../ui/MessageBrief';
import { RelativeTime } from '../../ui/RelativeTime';
import type { SendStopState } from './composer-store';

interface Props {
  stop: SendStopState;
  busy: boolean;
  onChoose: (choice: 'sendAnyway' | 'edit' | 'discard') => void;
}

/**
 * The send-time guard stopped a send: what arrived on the case since the draft began, above the
 * draft, and the three ways on. Nothing is sent until the agent picks one.
 */
export function SendGuardPanel({ stop, busy, onChoose }: Props) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The agent's eyes were on the text box: take them to what stopped the send.
  useEffect(() => headingRef.current?.focus(), [stop]);
  return (
    <section className="send-guard" role="alertdialog" aria-labelledby="send-guard-title" aria-describedby="send-guard-intro" data-testid="send-guard">
      <h3 id="send-guard-title" className="send-guard-title" tabIndex={-1} ref={headingRef}>
        <AlertTriangle size={15} aria-hidden="true" />
        {t('composer.guard.title', { count: stop.news.length })}
      </h3>
      <p id="send-guard-intro" className="send-guard-intro">
        {t('composer.guard.intro')} <RelativeTime at={stop.since} />
      </p>
      <ul className="send-guard-items">
        {stop.news.map((item, index) => (
          <li key={itemKey(item, index)} className={`send-guard-item is-${item.kind}`} data-testid="send-guard-item">
            <NewsItem item={item} />
          </li>
        ))}
      </ul>
      <div className="send-guard-actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => onChoose('sendAnyway')}>
          {t('composer.guard.sendAnyway')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onChoose('edit')}>
          {t('composer.guard.edit')}
        </button>
        <button type="button" className="button danger-outline" disabled={busy} onClick={() => onChoose('discard')}>
          {t('composer.guard.discard')}
        </button>
      </div>
    </section>
  );
}

function itemKey(item: CaseNewsItem, index: number): string {
  if (item.kind === 'message') return `m${item.message.id}`;
  if (item.kind === 'field') return `f${item.field}`;
  return `e${item.event.agentId}:${item.event.actionId}:${item.event.kind}:${index}`;
}

function NewsItem({ item }: { item: CaseNewsItem }) {
  const { t } = useTranslation();
  if (item.kind === 'message') return <MessageBrief message={item.message} classPrefix="send-guard-message" />;
  if (item.kind === 'field') {
    return (
      <p className="send-guard-item-head">
        <span className="send-guard-field">{t(`composer.guard.field.${item.field}`)}</span>
        <FieldChange item={item} />
      </p>
    );
  }
  const e = item.event;
  let what: string;
  if (e.kind === 'replied') what = e.public === false ? t('composer.guard.eventNoted', { name: e.name }) : t('composer.guard.eventReplied', { name: e.name });
  else if (e.kind === 'status_changed') what = t('composer.guard.eventStatus', { name: e.name, status: e.status ? t(`status.${e.status}`) : '?' });
  else what = t('composer.guard.eventAssigned', { name: e.name });
  return (
    <p className="send-guard-item-head">
      <span className="send-guard-event">{what}</span>
      <RelativeTime at={e.at} className="muted" />
      <span className="muted send-guard-arriving">{t('composer.guard.arriving')}</span>
    </p>
  );
}

function FieldChange({ item }: { item: Extract<CaseNewsItem, { kind: 'field' }> }) {
  const { t } = useTranslation();
  if (item.field === 'tags') {
    const before = new Set((item.from ?? '').split(' ').filter(Boolean));
    const after = new Set((item.to ?? '').split(' ').filter(Boolean));
    const added = [...after].filter((tag) => !before.has(tag)).map((tag) => `+${tag}`);
    const removed = [...before].filter((tag) => !after.has(tag)).map((tag) => `−${tag}`);
    return <span className="send-guard-change">{[...added, ...removed].join(' ')}</span>;
  }
  const label = (value: string | null): string => {
    if (item.field === 'status') return value ? t(`status.${value as CaseStatus}`) : '—';
    if (item.field === 'priority') return value ? t(`priority.${value as CasePriority}`) : t('priority.none');
    return value ?? t('composer.guard.nobody');
  };
  return (
    <span className="send-guard-change">
      {label(item.from)} → <strong>{label(item.to)}</strong>
    </span>
  );
}
