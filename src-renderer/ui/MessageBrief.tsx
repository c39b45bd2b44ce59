import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ThreadMessage } from '../../src-shared/contract/models';
import { RelativeTime } from './RelativeTime';

/**
 * A message in short: author, internal-note mark, time, and its text. For lists of "what arrived"
 * (the send-time guard, the conflict dialog); `classPrefix` keeps each place's own styles.
 */
export function MessageBrief({ message: m, classPrefix }: { message: ThreadMessage; classPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className={`${classPrefix}-head`}>
        <span className={`${classPrefix}-author`}>{m.author?.name || t('case.unknownAuthor')}</span>
        {m.public ? null : (
          <span className="internal-label">
            <Lock size={11} aria-hidden="true" />
            {t('case.internalNote')}
          </span>
        )}
        <RelativeTime at={m.createdAt} className="muted" />
      </p>
      <p className={`${classPrefix}-text`}>{m.bodyText || t('case.emptyBody')}</p>
    </>
  );
}
