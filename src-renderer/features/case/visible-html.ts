// Whether a message's sanitized HTML shows anything at all. Mailers send HTML parts whose text
// lives only in what the sanitizer must drop (a <style> block, an Outlook conditional comment, a
// <template>), leaving an empty paragraph or a non-breaking space: shown in a frame, that is an
// empty box while the message's plain text, which has the words, is hidden. Such a message is
// shown as its text instead. Pure (string in, boolean out) so the rule is tested without a DOM.

/** Characters that take no room or show nothing: spaces of every kind, zero-width marks, BOMs, soft hyphens. */
const INVISIBLE = /[\s\u00a0\u00ad\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u3000\u3164\ufeff]/gu;

/** Entities that decode to an invisible character, named or numeric. */
const INVISIBLE_ENTITY = /&(?:nbsp|ensp|emsp|thinsp|zwnj|zwj|lrm|rlm|shy|NewLine|Tab|#(?:0*(?:9|10|13|32|160|173|8203|8204|8205|8206|8207|8232|8233|8239|8287|8288|12288|65279))|#x0*(?:9|a|d|20|a0|ad|200b|200c|200d|200e|200f|2028|2029|202f|205f|2060|3000|feff));/gi;

/**
 * True when the sanitized HTML has something to see: text other than whitespace and invisible
 * marks, or an image (inline data, or a remote one the agent may load). Comments, tags and
 * attribute values never count as text.
 */
export function hasVisibleContent(sanitizedHtml: string): boolean {
  const withoutComments = sanitizedHtml.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  if (/<img\b/i.test(withoutComments)) return true;
  const text = withoutComments.replace(/<[^>]*>/g, '').replace(INVISIBLE_ENTITY, '').replace(INVISIBLE, '');
  return text.length > 0;
}

export type MessageBodyView = 'html' | 'text' | 'empty';

/**
 * How a message with HTML is shown once its HTML is sanitized: the HTML when it shows anything,
 * else its plain text, else the empty-message note.
 */
export function messageBodyView(sanitizedHtml: string, text: string): MessageBodyView {
  if (hasVisibleContent(sanitizedHtml)) return 'html';
  return text.trim() === '' ? 'empty' : 'text';
}
