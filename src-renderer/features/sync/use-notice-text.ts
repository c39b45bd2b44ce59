import { format } from 'date-fns';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncNotice } from '../../../src-shared/contract/sync';
import { useDateLocale } from '../../i18n';
import { useNow } from '../../ui/use-now';
import { minutesUntil, wordNotice, type NoticePhrase, type NoticeWording, type ServerKind } from './notice-wording';

/** A notice as the agent reads it. */
export interface NoticeText {
  wording: NoticeWording;
  /** "Agents could not be listed: the helpdesk refused (403)." */
  headline: string;
  /** "Assignee names come from cases instead." */
  consequence: string | null;
  /** "Trying again in 5 min." / "Sync continues at 12:04." */
  retry: string | null;
  /** What the status bar shows: the headline, plus when it goes on for passing trouble. */
  short: string;
  /** Everything in words, for tooltips. */
  full: string;
}

/** Words a notice in the UI language; relative retry times follow the 30-second clock. */
export function useNoticeText(): (notice: SyncNotice, server: ServerKind) => NoticeText {
  const { t } = useTranslation();
  const locale = useDateLocale();
  const now = useNow();
  return useCallback(
    (notice: SyncNotice, server: ServerKind) => {
      const wording = wordNotice(notice, server);
      const say = (p: NoticePhrase) => t(p.key, { step: p.params.step ?? '' });
      const title = say(wording.title);
      const headline = wording.reason ? t('sync.notice.sentence', { title, reason: say(wording.reason), status: wording.status }) : t('sync.notice.titleOnly', { title });
      const consequence = wording.consequence ? say(wording.consequence) : null;
      let retry: string | null = null;
      if (wording.retry?.kind === 'at') {
        retry = t('sync.notice.continuesAt', { time: format(wording.retry.at, 'p', { locale }) });
      } else if (wording.retry) {
        const minutes = minutesUntil(wording.retry.at, now);
        retry =
          minutes === null
            ? t('sync.notice.retryNow')
            : t('sync.notice.retryIn', { time: minutes < 60 ? t('time.minutes', { count: minutes }) : t('time.hours', { count: Math.round(minutes / 60) }) });
      }
      const short = wording.tone === 'error' || !retry ? headline : `${headline} ${retry}`;
      const full = [headline, consequence, retry].filter((part): part is string => part !== null).join(' ');
      return { wording, headline, consequence, retry, short, full };
    },
    [t, locale, now],
  );
}
