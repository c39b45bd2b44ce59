import { LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { MessageCard } from './MessageCard';
import { useSenderKeys } from './use-sender-keys';

/** The conversation, oldest first, as the customer and the team lived it. */
export function Thread({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const senderOf = useSenderKeys(detail);
  return (
    <section className="thread" aria-label={t('case.threadLabel')}>
      {detail.thread.map((message) => (
        <MessageCard key={message.id} message={message} sender={senderOf(message)} />
      ))}
      {!detail.threadComplete ? (
        <p className="thread-loading" aria-live="polite">
          <LoaderCircle size={14} className="spin" aria-hidden="true" />
          {t('case.loadingThread')}
        </p>
      ) : null}
    </section>
  );
}
