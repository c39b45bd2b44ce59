import { AlertTriangle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseNewsItem } from '../../../src-shared/contract/models';
import { NewsItemView } from '../../ui/NewsItemView';
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
            <NewsItemView item={item} classPrefix="send-guard" />
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
