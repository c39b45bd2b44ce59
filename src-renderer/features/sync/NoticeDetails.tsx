import { ChevronUp, RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { SyncNotice } from '../../../src-shared/contract/sync';
import type { ServerKind } from './notice-wording';
import { NoticeItem } from './NoticeItem';
import { useRetrySync } from './use-retry-sync';

/** Space kept between the panel and the window's edges. */
const EDGE = 8;

/**
 * The status bar's "Details" button and the panel it opens above it: every notice of the account
 * in words, with its technical text to select and copy, and a Retry. The panel is a popover (top
 * layer: never clipped by the status bar), placed within the window and scrolling inside when
 * tall; Escape or a click elsewhere closes it, and focus goes back to the button.
 */
export function NoticeDetails({ accountId, accountName, notices, server }: { accountId: number; accountName: string | null; notices: SyncNotice[]; server: ServerKind }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();
  const retry = useRetrySync();

  const place = useCallback(() => {
    const button = buttonRef.current;
    const panel = panelRef.current;
    if (!button || !panel) return;
    const anchor = button.getBoundingClientRect();
    const viewportWidth = document.documentElement.clientWidth;
    const viewportHeight = document.documentElement.clientHeight;
    const width = Math.min(520, viewportWidth - 2 * EDGE);
    const left = Math.min(Math.max(EDGE, anchor.left), viewportWidth - width - EDGE);
    const above = anchor.top - EDGE;
    const below = viewportHeight - anchor.bottom - EDGE;
    const upward = above >= below;
    Object.assign(panel.style, {
      width: `${width}px`,
      left: `${left}px`,
      right: 'auto',
      top: upward ? 'auto' : `${anchor.bottom + 4}px`,
      bottom: upward ? `${viewportHeight - anchor.top + 4}px` : 'auto',
      maxHeight: `${Math.max(120, (upward ? above : below) - 4)}px`,
    });
  }, []);

  useLayoutEffect(() => {
    if (!open) return;
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, place]);

  // The button opens and closes the popover natively (popovertarget: aria-expanded, focus back to
  // it on close, light dismiss by Escape or a click elsewhere); the content renders as it opens.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const onBeforeToggle = (event: Event) => {
      // Opening: the content is there before the panel shows (no empty frame). Closing waits, so
      // focus inside the panel can go back to the button first.
      if ((event as ToggleEvent).newState === 'open') flushSync(() => setOpen(true));
      else setOpen(false);
    };
    panel.addEventListener('beforetoggle', onBeforeToggle);
    return () => panel.removeEventListener('beforetoggle', onBeforeToggle);
  }, []);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="link-button sync-details-button"
        popoverTarget={panelId}
        aria-expanded={open}
        data-testid="sync-details-button"
      >
        {t('sync.details')}
        <ChevronUp size={12} aria-hidden="true" className={open ? 'is-open' : undefined} />
      </button>
      {/* Always in the DOM (the popover needs its element); its content only while open. */}
      <div ref={panelRef} id={panelId} popover="auto" className="sync-details" role="region" aria-labelledby={open ? headingId : undefined} data-testid="sync-details">
        {open ? (
          <>
            <div className="sync-details-header">
              <h2 id={headingId}>{accountName ? t('sync.detailsTitleAccount', { account: accountName }) : t('sync.detailsTitle')}</h2>
              <button type="button" className="button small" onClick={() => retry.mutate(accountId)} disabled={retry.isPending}>
                <RefreshCw size={12} aria-hidden="true" className={retry.isPending ? 'spin' : undefined} />
                {t('sync.retry')}
              </button>
            </div>
            <ul className="notice-list">
              {notices.map((notice, index) => (
                <NoticeItem key={`${index}:${notice.step}:${notice.problem}`} notice={notice} server={server} technical="shown" />
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}
