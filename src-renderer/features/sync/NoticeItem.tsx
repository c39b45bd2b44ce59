import { format, isToday } from 'date-fns';
import { CircleAlert, CloudOff, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncNotice } from '../../../src-shared/contract/sync';
import { useDateLocale } from '../../i18n';
import type { NoticeWording, ServerKind } from './notice-wording';
import { useNoticeText } from './use-notice-text';

/** The icon of a notice's tone: an error needs someone, a warning passes, offline is the network. */
export function NoticeIcon({ tone, size = 14 }: { tone: NoticeWording['tone']; size?: number }) {
  const Icon = tone === 'error' ? CircleAlert : tone === 'offline' ? CloudOff : TriangleAlert;
  return <Icon size={size} aria-hidden="true" className="notice-icon" />;
}

/**
 * One sync notice in full: what does not work and why, what happens meanwhile, when it is tried
 * again, and the technical text (shown at once in the status bar's details, or behind a
 * disclosure in Settings), selectable for copying.
 */
export function NoticeItem({ notice, server, technical }: { notice: SyncNotice; server: ServerKind; technical: 'shown' | 'disclosure' }) {
  const { t } = useTranslation();
  const text = useNoticeText()(notice, server);
  const detail = (
    <pre className="notice-technical" data-testid="sync-notice-technical">
      {notice.detail}
    </pre>
  );
  return (
    <li className={`notice-item is-${text.wording.tone}`} data-testid="sync-notice-item" data-step={notice.step} data-problem={notice.problem} data-severity={notice.severity}>
      <p className="notice-headline">
        <NoticeIcon tone={text.wording.tone} />
        <span>{text.headline}</span>
      </p>
      {text.consequence || text.retry ? <p className="notice-next">{[text.consequence, text.retry].filter(Boolean).join(' ')}</p> : null}
      <p className="notice-since">
        <SinceLabel at={notice.since} />
      </p>
      {technical === 'shown' ? (
        <div className="notice-technical-block">
          <span className="notice-technical-label">{t('sync.technicalDetails')}</span>
          {detail}
        </div>
      ) : (
        <details className="notice-technical-block">
          <summary>{t('sync.technicalDetails')}</summary>
          {detail}
        </details>
      )}
    </li>
  );
}

/** "Since 12:03" (today) or "Since Mar 3, 12:03". */
function SinceLabel({ at }: { at: number }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  const time = format(at, isToday(at) ? 'p' : 'PP p', { locale });
  return (
    <time dateTime={new Date(at).toISOString()} title={format(at, 'PPpp', { locale })}>
      {t('sync.since', { time })}
    </time>
  );
}
