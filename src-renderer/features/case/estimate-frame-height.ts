// A script-less, cross-origin frame cannot report its height, and we will not let message HTML
// into our own DOM to measure it. So the height is estimated from the sanitized HTML and the
// frame's width, clamped; anything taller scrolls inside the frame.

const MIN_HEIGHT = 56;
const MAX_HEIGHT = 560;
const LINE_HEIGHT = 22;
/** Space taken by each block element's margins, in lines. */
const BLOCK_LINES = 0.8;
const PADDING = 28;
const LATIN_CHAR_PX = 7.8;
const WIDE_CHAR_PX = 14;
const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

export function estimateFrameHeight(html: string, widthPx: number): number {
  const usable = Math.max(160, widthPx - PADDING);
  const blocks = html.split(/<(?:p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol)\b/i).length - 1;
  const breaks = html.split(/<br\b/i).length - 1;
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, 'x')
    .replace(/\s+/g, ' ');
  let px = 0;
  for (const ch of text) px += WIDE.test(ch) ? WIDE_CHAR_PX : LATIN_CHAR_PX;
  const wrappedLines = Math.ceil(px / usable);
  let imagePx = 0;
  for (const match of html.matchAll(/<img\b[^>]*>/gi)) {
    const height = /\bheight="?(\d+)/i.exec(match[0]);
    const width = /\bwidth="?(\d+)/i.exec(match[0]);
    if (height) {
      const h = Number(height[1]);
      const w = width ? Number(width[1]) : usable;
      imagePx += Math.min(400, w > usable ? (h * usable) / w : h);
    } else imagePx += 24;
  }
  const lines = wrappedLines + breaks + blocks * BLOCK_LINES + 1;
  return Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, PADDING + lines * LINE_HEIGHT + imagePx)));
}
