import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseNewsItem, QueuedActionReview } from '../../../src-shared/contract/models';
import { newsKey } from '../../../src-shared/domain/case-hold';
import { useOutboxStep, type OutboxStep } from '../../api';
import { NewsItemView } from '../../ui/NewsItemView';
import { PendingStateLabel } from '../../ui/PendingStateLabel';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { editQueuedMessage } from '../composer';
import { openCase } from '../inbox';
import { IntentEditor } from './IntentEditor';
import { IntentSummary } from './IntentSummary';
import { closeOutboxPanel } from './outbox-store';

/**
 * One action of a case's held queue (docs/outbox.md): what it does and when it was queued, what
 * others did since, where it stands, and its own choices. "Apply anyway" and the rest name this
 * action only; each says what it was shown, and core refuses it if more arrived meanwhile.
 */
export function HeldAction({ review, position, count, focused, onChanged }: { review: QueuedActionReview; position: number; count: number; focused: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { item, verdict, news } = review;
  const step = useOutboxStep();
  const [editing, setEditing] = useState(false);
  // Ages are the queue time: when the agent acted, not when the queue stopped.
  const queued = useRelativeLabel(item.createdAt);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  const headingId = `held-${item.id}`;
  const shown = news.map(newsKey);

  const decide = (which: Exclude<OutboxStep, 'retry'>) =>
    step.mutate({ id: item.id, step: which, shown }, { onSuccess: (result) => (result.changed ? onChanged() : undefined) });
  const edit = () => {
    if (item.intent.comment) {
      // The message goes back to the composer of its case, where the agent reworks and resends it.
      openCase(item.caseId);
      void editQueuedMessage(item.caseId, item.id, item.intent);
      closeOutboxPanel();
    } else setEditing(true);
  };
  const busy = step.isPending || item.state === 'sending';
  const choices = verdict === 'decide' || verdict === 'waits';

  return (
    <li
      ref={ref}
      className={`held-action is-${verdict}${focused ? ' is-focused' : ''}`}
      data-testid="conflict-action"
      data-action-id={item.id}
      data-verdict={verdict}
      data-state={item.state}
      aria-labelledby={headingId}
    >
      <div className="held-action-head">
        <h3 id={headingId}>{t('conflict.position', { n: position, count })}</h3>
        <PendingStateLabel state={item.state} />
        <time className="held-action-age" data-testid="queued-at" dateTime={queued.iso} title={queued.absolute}>
          {t('conflict.queued', { time: queued.text })}
        </time>
      </div>
      <div className="conflict-sides">
        <section className="conflict-side is-yours" aria-label={t('conflict.yours')}>
          <h4>{t('conflict.yours')}</h4>
          <IntentSummary intent={item.intent} full />
          <p className={`held-verdict is-${verdict}`} data-testid="held-verdict">
            {verdictText(review, t)}
          </p>
        </section>
        <section className="conflict-side is-theirs" aria-label={t('conflict.newMessages')} data-testid="conflict-news">
          <h4>{t('conflict.newMessages')}</h4>
          {news.length === 0 ? (
            <p className="muted small">{t('conflict.noNews')}</p>
          ) : (
            <ul className="conflict-messages">
              {news.map((n) => (
                <li key={newsKey(n)} className={isInternal(n) ? 'is-internal' : undefined} data-testid="conflict-news-item">
                  <NewsItemView item={n} classPrefix="conflict" />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {step.error ? (
        <p className="conflict-error" role="alert">
          {t('conflict.failed', { message: step.error.message })}
        </p>
      ) : null}
      {editing ? (
        <IntentEditor item={item} shown={shown} onDone={(result) => (result.changed ? onChanged() : setEditing(false))} onCancel={() => setEditing(false)} />
      ) : choices ? (
        <div className="held-action-choices">
          {verdict === 'decide' ? (
            <button type="button" className="button primary" disabled={busy} onClick={() => decide('applyAnyway')} title={t('conflict.applyAnywayHint')}>
              {item.intent.comment ? t('conflict.sendAnyway') : t('conflict.applyAnyway')}
            </button>
          ) : null}
          <button type="button" className="button" disabled={busy} onClick={edit} title={item.intent.comment ? t('conflict.editCommentHint') : t('conflict.editFieldsHint')}>
            {t('conflict.edit')}
          </button>
          <button type="button" className="button danger-outline" disabled={busy} onClick={() => decide('discard')} title={t('conflict.discardHint')}>
            {t('conflict.discard')}
          </button>
          {verdict === 'decide' ? <span className="muted small">{t('conflict.applyAnywayHint')}</span> : null}
        </div>
      ) : null}
    </li>
  );
}

function isInternal(item: CaseNewsItem): boolean {
  return item.kind === 'message' && !item.message.public;
}

function verdictText({ item, verdict, touches }: QueuedActionReview, t: TFunction): string {
  if (verdict === 'sending') return t('conflict.verdict.sending');
  if (verdict === 'failed') return t('conflict.verdict.failed');
  if (verdict === 'waits') return item.hold === 'decided' ? t('conflict.verdict.decided') : t('conflict.verdict.waits');
  if (touches.length > 0) return t('conflict.verdict.touches', { what: touches.map((touch) => t(`conflict.touch.${touch}`)).join(', ') });
  return item.conflict?.reason === 'guard' ? t('conflict.verdict.guard') : t('conflict.verdict.refused');
}
