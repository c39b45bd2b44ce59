import { useQuery } from '@tanstack/react-query';
import { Lock, Reply } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { directoryQuery } from '../../api';
import { describeIntent } from '../../ui/intent-lines';

/** What an action does, in words: the message (quoted, clipped unless `full`) and the field changes. */
export function IntentSummary({ intent, full }: { intent: CaseIntent; full?: boolean }) {
  const { t } = useTranslation();
  const directory = useQuery(directoryQuery()).data;
  const { comment, fields } = describeIntent(intent, t, directory);
  return (
    <div className="intent-summary">
      {comment ? (
        <div className={`intent-comment${comment.kind === 'note' ? ' is-note' : ''}`}>
          <span className="intent-comment-kind">
            {comment.kind === 'note' ? <Lock size={11} aria-hidden="true" /> : <Reply size={12} aria-hidden="true" />}
            {t(`intent.${comment.kind}`)}
          </span>
          {/* Quoted on one line; the whole message as a block when there is room. */}
          {full ? <blockquote className="intent-comment-body is-full">{comment.body}</blockquote> : <q className="intent-comment-body">{comment.body}</q>}
        </div>
      ) : null}
      {fields.length > 0 ? (
        <ul className="intent-fields">
          {fields.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
