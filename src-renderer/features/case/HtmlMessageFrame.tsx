import { ImageOff } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useElementWidth } from '../../ui/use-element-width';
import { buildSrcdoc } from './build-srcdoc';
import { estimateFrameHeight } from './estimate-frame-height';
import { allowImagesFrom, useImagePermissions } from './image-permissions-store';
import { sanitizeMessageHtml, withRemoteImages } from './sanitize-message-html';
import { messageBodyView } from './visible-html';

/** How far outside the thread's visible part a frame is already built. */
const NEAR_VIEW_MARGIN = '800px 0px';

/**
 * A message's HTML in a sandboxed iframe: no scripts, no same-origin access (so it cannot
 * touch the app or its bridge), popups only for links, and a CSP that blocks every fetch.
 *
 * Each frame is a document of its own (Chromium may even give it a process), the most expensive
 * thing in a thread. Frames at the top of a newly opened thread (`eager`) are built at once;
 * the others when they come near the visible part, showing the message's plain text until then.
 */
export function HtmlMessageFrame({ messageId, html, text, sender, eager }: { messageId: number; html: string; text: string; sender: string; eager: boolean }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const near = useNearView(containerRef, eager);
  const width = useElementWidth(containerRef, 'message-frame');
  // Sanitizing parses the whole message: done only for frames that are built.
  const sanitized = useMemo(() => (near ? sanitizeMessageHtml(messageId, html) : null), [near, messageId, html]);
  const imagesAllowed = useImagePermissions((s) => s.allowedSenders.has(sender));
  const remoteImages = sanitized?.remoteImages ?? 0;
  const showImages = imagesAllowed && remoteImages > 0;
  const srcdoc = useMemo(() => (sanitized ? buildSrcdoc(showImages ? withRemoteImages(sanitized.html) : sanitized.html, showImages) : ''), [sanitized, showImages]);
  // A deferred frame's height comes from the raw HTML (style and script text do not count).
  const height = useMemo(() => estimateFrameHeight(sanitized?.html ?? html.replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ''), width), [sanitized, html, width]);
  const view = sanitized ? messageBodyView(sanitized.html, text) : 'html';

  if (view !== 'html') {
    // The HTML sanitizes to nothing visible: an empty frame would hide the words, the text has them.
    return (
      <div className="message-text" data-body-source="text">
        {view === 'text' ? text : <span className="muted">{t('case.emptyBody')}</span>}
      </div>
    );
  }

  return (
    <div className="html-message" ref={containerRef} data-body-source="html">
      {remoteImages > 0 && !imagesAllowed ? (
        <div className="remote-images-bar">
          <ImageOff size={14} aria-hidden="true" />
          <span>{t('case.remoteImagesBlocked', { count: remoteImages })}</span>
          <button type="button" className="button small" onClick={() => allowImagesFrom(sender)}>
            {t('case.loadImages')}
          </button>
        </div>
      ) : null}
      {sanitized ? (
        <iframe
          className="html-message-frame"
          title={t('case.htmlFrameTitle')}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={srcdoc}
          style={{ height }}
        />
      ) : (
        <div className="html-message-frame is-deferred" style={{ height }}>
          {text}
        </div>
      )}
    </div>
  );
}

/** True once the element is near the scroll viewport (or at once when `eager`); it stays true. */
function useNearView(ref: React.RefObject<HTMLElement | null>, eager: boolean): boolean {
  const [near, setNear] = useState(eager);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: NEAR_VIEW_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}
