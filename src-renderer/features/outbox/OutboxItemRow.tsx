import { CircleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import { useOutboxStep, type OutboxStep } from '../../api';
import { PendingStateLabel } from '../../ui/PendingStateLabel';
import { readableError } from '../../ui/readable-error';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { openCase } from '../inbox';
import { IntentSummary } from './IntentSummary';
import { closeOutboxPanel, openConflict } from './outbox-store';

/** One queued change: which case, what, since when, what went wrong, and what the agent can do. */
export function OutboxItemRow({ item, heldBack }: { item: OutboxItemView; heldBack: boolean }) {
  const { t } = useTranslation();
  const step = useOutboxStep();
  const age = useRelativeLabel(item.createdAt);
  const run = (which: OutboxStep) => step.mutate({ id: item.id, step: which });
  // Held with a conflict on its case: its own decision, or the ones before it, first.
  const heldNote =
    item.state === 'conflict' && item.conflict?.reason === 'held'
      ? 'outbox.heldDecide'
      : item.state === 'queued' && item.hold === 'held'
        ? 'outbox.heldWaits'
        : item.state === 'queued' && item.hold === 'decided'
          ? 'outbox.heldDecided'
          : heldBack
            ? 'outbox.heldBack'
            : null;

  return (
    <li className={`outbox-item state-${item.state}`} data-testid="outbox-item" data-state={item.state} data-case-id={item.caseId} data-remote-id={item.caseRemoteId}>
      <div className="outbox-item-head">
        <PendingStateLabel state={item.state} />
        <button
          type="button"
          className="link-button outbox-item-subject"
          onClick={() => {
            openCase(item.caseId);
            closeOutboxPanel();
          }}
        >
          {item.caseSubject || t('inbox.noSubject')}
        </button>
        <span className="outbox-item-id">#{item.caseRemoteId}</span>
        <time className="outbox-item-age" data-testid="queued-at" dateTime={age.iso} title={age.absolute}>
          {t('outbox.queuedAgo', { time: age.text })}
        </time>
      </div>
      <IntentSummary intent={item.intent} />
      {item.lastError && item.state !== 'conflict' ? (
        // A failed change needs the agent (red); a queued one says why it is still waiting (muted).
        <p className={`outbox-item-error${item.state === 'failed' ? '' : ' is-retrying'}`}>
          <CircleAlert size={12} aria-hidden="true" />
          <span title={item.lastError}>{readableError(item.lastError)}</span>
          {item.attempts > 1 ? <span className="muted"> · {t('outbox.attempts', { count: item.attempts })}</span> : null}
        </p>
      ) : null}
      {heldNote ? (
        <p className="outbox-item-held" data-testid="outbox-held">
          {t(heldNote)}
        </p>
      ) : null}
      {step.error ? (
        <p className="outbox-item-error" role="alert">
          {t('outbox.stepFailed', { message: step.error.message })}
        </p>
      ) : null}
      <div className="outbox-item-actions">
        {item.state === 'conflict' ? (
          <button type="button" className="button small primary" onClick={() => openConflict(item.caseId, item.id)}>
            {t('outbox.resolve')}
          </button>
        ) : item.state === 'queued' && item.hold !== null ? (
          <button type="button" className="button small" onClick={() => openConflict(item.caseId, item.id)}>
            {t('outbox.review')}
          </button>
        ) : null}
        {item.state === 'failed' ? (
          <button type="button" className="button small" disabled={step.isPending} onClick={() => run('retry')}>
            {t('outbox.retry')}
          </button>
        ) : null}
        <button
          type="button"
          className="button small danger-outline"
          disabled={step.isPending || item.state === 'sending'}
          title={item.state === 'sending' ? t('outbox.sendingNoDiscard') : undefined}
          onClick={() => run('discard')}
        >
          {t('outbox.discard')}
        </button>
      </div>
    </li>
  );
}
