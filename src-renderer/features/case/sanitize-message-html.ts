import DOMPurify from 'dompurify';

// Customer HTML is hostile until proven otherwise (DESIGN §9). It is sanitized exactly once per
// message, here, and only ever shown inside a sandboxed, script-less iframe with its own CSP.
// Belt and braces: the sanitizer removes what could run or phone home, the frame could not
// run or fetch it anyway.

export interface SanitizedHtml {
  /** Body HTML with remote images disabled (their address kept in a marker attribute). */
  html: string;
  remoteImages: number;
}

const REMOTE_SRC_ATTR = 'data-shiftdesk-remote-src';
const FORBIDDEN_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'title', 'noscript', 'template',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'keygen',
  'svg', 'math', 'audio', 'video', 'source', 'track', 'picture', 'dialog',
];
const FORBIDDEN_ATTRS = ['srcset', 'background', 'ping', 'action', 'formaction', 'poster', 'lowsrc', 'dynsrc', 'longdesc', 'target'];
// Inline styles may format text, not fetch things or lay fake UI over the message.
const DANGEROUS_STYLE = /url\s*\(|image-set\s*\(|expression\s*\(|@import|behavio(u)?r\s*:|-moz-binding|position\s*:\s*(fixed|sticky|absolute)/i;
// Links: web, mail and phone only; `javascript:` and `data:` never.
const SAFE_URI = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const purify = DOMPurify(window);
let remoteImagesSeen = 0;

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'style' && DANGEROUS_STYLE.test(data.attrValue)) data.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  const tag = node.nodeName;
  if ((tag === 'A' || tag === 'AREA') && node.hasAttribute('href')) {
    // Links open outside the app (the shell hands http(s) to the system browser), never in the frame.
    if (!node.getAttribute('href')!.startsWith('#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  }
  if (tag === 'IMG') {
    const src = node.getAttribute('src');
    if (src !== null && !/^data:image\//i.test(src)) {
      node.removeAttribute('src');
      if (/^(https?:)?\/\//i.test(src)) {
        node.setAttribute(REMOTE_SRC_ATTR, src);
        remoteImagesSeen++;
      }
    }
  }
});

const cache = new Map<number, SanitizedHtml>();
const CACHE_LIMIT = 500;

/** Sanitizes a message's HTML once; later calls for the same message reuse the result. */
export function sanitizeMessageHtml(messageId: number, rawHtml: string): SanitizedHtml {
  const cached = cache.get(messageId);
  if (cached) return cached;
  remoteImagesSeen = 0;
  const html = purify.sanitize(rawHtml, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRS,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: SAFE_URI,
    WHOLE_DOCUMENT: false,
  });
  const result: SanitizedHtml = { html, remoteImages: remoteImagesSeen };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(messageId, result);
  return result;
}

/**
 * The same sanitized HTML with remote images switched back on, for senders the agent trusts.
 * The marker only ever appears as an attribute the sanitizer wrote: in text or other attribute
 * values its quotes are serialized as `&quot;`, so this cannot turn text into markup.
 */
export function withRemoteImages(html: string): string {
  return html.replaceAll(`${REMOTE_SRC_ATTR}="`, 'src="');
}
