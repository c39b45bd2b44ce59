import { LoaderCircle } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, OutboxItemState } from '../../../src-shared/contract/models';
import { MessageCard } from './MessageCard';
import { useSenderKeys } from './use-sender-keys';

/** Messages at the top of a thread (where it opens) whose HTML is rendered at once. */
const EAGER_MESSAGES = 3;

/** The conversation, oldest first, as the customer and the team lived it. */
export function Thread({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const senderOf = useSenderKeys(detail);
  const threadRef = useRef<HTMLElement>(null);
  useScrollToQueuedMessage(detail, threadRef);
  const stateOf = useMemo(() => new Map<string, OutboxItemState>(detail.pendingActions.map((a) => [a.id, a.state])), [detail.pendingActions]);
  return (
    <section ref={threadRef} className="thread" aria-label={t('case.threadLabel')}>
      {detail.thread.map((message, index) => (
        <MessageCard
          key={message.id}
          message={message}
          sender={senderOf(message)}
          eager={index < EAGER_MESSAGES}
          // The outbox's word is the truth: core lists every unsent action in the same read, so an
          // action not listed has been sent, whatever the message still looks like.
          pendingState={message.pendingActionId === null ? null : (stateOf.get(message.pendingActionId) ?? null)}
        />
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

/** The agent's message, just queued at the end of the thread they are reading, comes into view. */
function useScrollToQueuedMessage(detail: CaseDetail, threadRef: React.RefObject<HTMLElement | null>): void {
  const last = detail.thread.at(-1);
  const seen = useRef<{ caseId: number; lastId: number | undefined } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { caseId: detail.id, lastId: last?.id };
    if (before?.caseId !== detail.id || before.lastId === last?.id || !last?.pendingActionId) return;
    threadRef.current?.querySelector(`[data-message-id="${last.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [detail.id, last?.id, last?.pendingActionId, threadRef]);
}
