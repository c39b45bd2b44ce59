import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outboxReviewQuery } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ConflictRemote } from './ConflictRemote';
import { HeldAction } from './HeldAction';

/**
 * A case whose queue stopped (DESIGN §6, docs/outbox.md): every action the agent queued on it,
 * each against what others did since it was queued (fields and thread, read again), each with its
 * own choice. Nothing is sent or overwritten until the agent decides; the dialog closes by itself
 * once no action on the case needs a decision.
 */
export function ConflictDialog({ caseId, focusId, onClose }: { caseId: number; focusId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const review = useQuery(outboxReviewQuery(caseId));
  const [changed, setChanged] = useState(false);
  const data = review.data;
  // Null: nothing of the case is queued any more.
  const needsYou = data?.actions.some((a) => a.verdict === 'decide') ?? false;
  useEffect(() => {
    if (review.isSuccess && !review.isFetching && !needsYou) onClose();
  }, [review.isSuccess, review.isFetching, needsYou, onClose]);

  let body;
  if (review.isPending) body = <p className="muted">{t('outbox.loading')}</p>;
  else if (review.isError) body = <p role="alert">{t('app.loadError', { message: review.error.message })}</p>;
  else if (!data || !needsYou) body = <p>{t('conflict.resolved')}</p>;
  else
    body = (
      <>
        <p className="conflict-intro">{t('conflict.intro')}</p>
        <p className="conflict-case">
          <span className="conflict-case-subject">{data.caseSubject || t('inbox.noSubject')}</span> <span className="muted">#{data.caseRemoteId}</span>
        </p>
        <ConflictRemote review={data} />
        {changed ? (
          <p className="conflict-error" role="alert">
            {t('conflict.changed')}
          </p>
        ) : null}
        <ol className="conflict-queue" aria-label={t('conflict.queueLabel')}>
          {data.actions.map((action, index) => (
            <HeldAction key={action.item.id} review={action} position={index + 1} count={data.actions.length} focused={action.item.id === focusId} onChanged={() => setChanged(true)} />
          ))}
        </ol>
      </>
    );

  return (
    <Dialog title={t('conflict.title')} onClose={onClose} className="conflict-dialog">
      {body}
    </Dialog>
  );
}
