import { ImageOff } from 'lucide-react';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useElementWidth } from '../../ui/use-element-width';
import { buildSrcdoc } from './build-srcdoc';
import { estimateFrameHeight } from './estimate-frame-height';
import { allowImagesFrom, useImagePermissions } from './image-permissions-store';
import { sanitizeMessageHtml, withRemoteImages } from './sanitize-message-html';

/**
 * A message's HTML in a sandboxed iframe: no scripts, no same-origin access (so it cannot
 * touch the app or its bridge), popups only for links, and a CSP that blocks every fetch.
 */
export function HtmlMessageFrame({ messageId, html, sender }: { messageId: number; html: string; sender: string }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const sanitized = useMemo(() => sanitizeMessageHtml(messageId, html), [messageId, html]);
  const imagesAllowed = useImagePermissions((s) => s.allowedSenders.has(sender));
  const showImages = imagesAllowed && sanitized.remoteImages > 0;
  const srcdoc = useMemo(() => buildSrcdoc(showImages ? withRemoteImages(sanitized.html) : sanitized.html, showImages), [sanitized, showImages]);
  const height = useMemo(() => estimateFrameHeight(sanitized.html, width), [sanitized, width]);

  return (
    <div className="html-message" ref={containerRef}>
      {sanitized.remoteImages > 0 && !imagesAllowed ? (
        <div className="remote-images-bar">
          <ImageOff size={14} aria-hidden="true" />
          <span>{t('case.remoteImagesBlocked', { count: sanitized.remoteImages })}</span>
          <button type="button" className="button small" onClick={() => allowImagesFrom(sender)}>
            {t('case.loadImages')}
          </button>
        </div>
      ) : null}
      <iframe
        className="html-message-frame"
        title={t('case.htmlFrameTitle')}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={srcdoc}
        style={{ height }}
      />
    </div>
  );
}
