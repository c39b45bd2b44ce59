import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseDetailQuery, outboxListQuery, useOutboxStep } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { useRelativeLabel } from '../../ui/use-relative-label';
import { editQueuedMessage } from '../composer';
import { openCase } from '../inbox';
import { closeOutboxPanel } from './outbox-store';
import { ConflictRemote } from './ConflictRemote';
import { IntentEditor } from './IntentEditor';
import { IntentSummary } from './IntentSummary';

/**
 * A change the helpdesk refused because the case moved on (409): what the agent queued beside what
 * changed there, and the three ways out. Nothing is sent or overwritten until the agent picks one.
 */
export function ConflictDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useQuery(outboxListQuery());
  const item = items.data?.find((i) => i.id === id);
  const detail = useQuery({ ...caseDetailQuery(item?.caseId ?? 0), enabled: item !== undefined }).data;
  const step = useOutboxStep();
  const [editing, setEditing] = useState(false);
  const queued = useRelativeLabel(item?.createdAt ?? 0);

  const finish = (which: 'applyAnyway' | 'discard') => step.mutate({ id, step: which }, { onSuccess: onClose });
  const edit = () => {
    if (!item) return;
    if (item.intent.comment) {
      // The message goes back to the composer of its case, where the agent reworks and resends it.
      openCase(item.caseId);
      void editQueuedMessage(item.caseId, item.id, item.intent);
      closeOutboxPanel();
    } else setEditing(true);
  };

  let body;
  if (items.isPending) body = <p className="muted">{t('outbox.loading')}</p>;
  else if (!item || item.state !== 'conflict') body = <p>{t('conflict.resolved')}</p>;
  else if (editing)
    body = (
      <>
        <CaseLine subject={item.caseSubject} remoteId={item.caseRemoteId} />
        <IntentEditor item={item} onDone={onClose} onCancel={() => setEditing(false)} />
      </>
    );
  else
    body = (
      <>
        <p className="conflict-intro">{t('conflict.intro')}</p>
        <CaseLine subject={item.caseSubject} remoteId={item.caseRemoteId} />
        <div className="conflict-sides">
          <section className="conflict-side is-yours" aria-labelledby={`${id}-yours`}>
            <h3 id={`${id}-yours`}>{t('conflict.yours')}</h3>
            <p className="conflict-side-meta">
              <time dateTime={queued.iso} title={queued.absolute}>
                {t('conflict.queued', { time: queued.text })}
              </time>
            </p>
            <IntentSummary intent={item.intent} full />
          </section>
          <ConflictRemote item={item} detail={detail && detail.id === item.caseId ? detail : undefined} headingId={`${id}-theirs`} />
        </div>
        {step.error ? (
          <p className="conflict-error" role="alert">
            {t('conflict.failed', { message: step.error.message })}
          </p>
        ) : null}
        <div className="conflict-actions">
          <div className="conflict-choice">
            <button type="button" className="button primary" disabled={step.isPending} onClick={() => finish('applyAnyway')}>
              {item.intent.comment ? t('conflict.sendAnyway') : t('conflict.applyAnyway')}
            </button>
            <span className="muted">{t('conflict.applyAnywayHint')}</span>
          </div>
          <div className="conflict-choice">
            <button type="button" className="button" disabled={step.isPending} onClick={edit}>
              {t('conflict.edit')}
            </button>
            <span className="muted">{item.intent.comment ? t('conflict.editCommentHint') : t('conflict.editFieldsHint')}</span>
          </div>
          <div className="conflict-choice">
            <button type="button" className="button danger-outline" disabled={step.isPending} onClick={() => finish('discard')}>
              {t('conflict.discard')}
            </button>
            <span className="muted">{t('conflict.discardHint')}</span>
          </div>
        </div>
      </>
    );

  return (
    <Dialog title={t('conflict.title')} onClose={onClose} className="conflict-dialog">
      {body}
    </Dialog>
  );
}

function CaseLine({ subject, remoteId }: { subject: string; remoteId: string }) {
  const { t } = useTranslation();
  return (
    <p className="conflict-case">
      <span className="conflict-case-subject">{subject || t('inbox.noSubject')}</span> <span className="muted">#{remoteId}</span>
    </p>
  );
}
