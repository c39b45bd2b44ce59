import { format } from 'date-fns';
import { Lock } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemState, ThreadMessage } from '../../../src-shared/contract/models';
import { useDateLocale } from '../../i18n';
import { Avatar } from '../../ui/Avatar';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { PendingStateLabel } from '../../ui/PendingStateLabel';
import { RelativeTime } from '../../ui/RelativeTime';
import { AttachmentList } from './AttachmentList';
import { HtmlMessageFrame } from './HtmlMessageFrame';

/**
 * One message of the thread. Internal notes look different on purpose: amber, labelled. The agent's
 * own messages still in the outbox say where they stand (Queued, Sending, Failed, Conflict).
 */
export const MessageCard = memo(function MessageCard({
  message,
  sender,
  pendingState,
  eager,
}: {
  message: ThreadMessage;
  sender: string;
  pendingState: OutboxItemState | null;
  /** At the top of the thread: its HTML frame is built at once. */
  eager: boolean;
}) {
  const { t } = useTranslation();
  const internal = !message.public;
  const locale = useDateLocale();
  const name = message.author?.name || t('case.unknownAuthor');
  // The thread is ordered by arrival; what the sender's own clock said is a detail, on hover.
  const senderDate = message.senderDate === null ? undefined : t('case.senderDate', { time: format(message.senderDate, 'PPpp', { locale }) });
  return (
    <article
      className={`message author-${message.authorKind}${internal ? ' is-internal' : ''}${pendingState ? ` is-pending pending-${pendingState}` : ''}`}
      data-message-id={message.id}
      data-author-kind={message.authorKind}
      data-internal={internal ? 'true' : undefined}
      data-pending={pendingState ? 'true' : undefined}
    >
      <header className="message-header">
        <Avatar name={name} size={26} />
        <span className="message-author">{name}</span>
        <span className="message-kind">{t(`case.authorKind.${message.authorKind}`)}</span>
        {internal ? (
          <span className="internal-label">
            <Lock size={12} aria-hidden="true" />
            {t('case.internalNote')}
          </span>
        ) : null}
        {pendingState ? <PendingStateLabel state={pendingState} /> : null}
        <span className="message-meta">
          <ChannelIcon channel={message.channel} raw={message.channelRaw} size={14} />
          <RelativeTime at={message.createdAt} detail={senderDate} />
        </span>
      </header>
      {message.bodyHtml ? (
        <HtmlMessageFrame messageId={message.id} html={message.bodyHtml} text={message.bodyText} sender={sender} eager={eager} />
      ) : (
        // Plain text stays text: line breaks kept, nothing linkified or interpreted.
        <div className="message-text" data-body-source="text">{message.bodyText || <span className="muted">{t('case.emptyBody')}</span>}</div>
      )}
      <AttachmentList attachments={message.attachments} messageId={message.id} />
    </article>
  );
});
