import { describe, expect, it } from 'vitest';
import { hasVisibleContent, messageBodyView } from '../../../src-renderer/features/case/visible-html';

// What sanitized HTML looks like after DOMPurify dropped <style>, <script>, <template> and
// conditional comments (src-renderer/features/case/sanitize-message-html.ts keeps the rest).

describe('HTML that shows nothing falls back to the text', () => {
  it('finds nothing in empty markup, spaces, non-breaking spaces and zero-width marks', () => {
    for (const html of [
      '',
      '   \n\t',
      '<div class="WordSection1"><p class="MsoNormal">&nbsp;</p></div>',
      '<p>&#160;&#xA0;</p><p><br></p>',
      '<div>\u200b\u200c\u200d\ufeff\u00a0\u00ad</div>',
      '<p>&zwnj;&shy;&#8203;&#x200B;&#65279;</p>',
      '<!--[if gte mso 9]><xml>Outlook settings</xml><![endif]--><div> </div>',
      '<table><tbody><tr><td>&nbsp;</td></tr></tbody></table><hr>',
      '<a href="https://example.com" title="not text"></a><span style="color:red"></span>',
    ]) {
      expect(hasVisibleContent(html), JSON.stringify(html)).toBe(false);
    }
  });

  it('finds words, punctuation, entities that show, and Korean', () => {
    for (const html of [
      '<p>Hello</p>',
      '<div>&nbsp;.</div>',
      '<p>&amp;</p>',
      '<p>&#8364;</p>',
      '<p>&#x20AC;</p>',
      '<p>안녕하세요</p>',
      'plain words without markup',
      '<!-- a comment --><b>x</b>',
    ]) {
      expect(hasVisibleContent(html), JSON.stringify(html)).toBe(true);
    }
  });

  it('counts an image as something to see: inline data, or a remote one waiting for permission', () => {
    expect(hasVisibleContent('<p>&nbsp;</p><img src="data:image/png;base64,AAAA" alt="">')).toBe(true);
    expect(hasVisibleContent('<img data-shiftdesk-remote-src="https://example.com/banner.png">')).toBe(true);
    // An image only inside a comment is not there.
    expect(hasVisibleContent('<!-- <img src="data:image/png;base64,AAAA"> -->')).toBe(false);
  });

  it('chooses the HTML when it shows anything, else the text, else the empty-message note', () => {
    expect(messageBodyView('<p>Hi there</p>', 'Hi there')).toBe('html');
    expect(messageBodyView('<p>&nbsp;</p>', 'My order never arrived.')).toBe('text');
    expect(messageBodyView('<div><br></div>', '  \n ')).toBe('empty');
    expect(messageBodyView('', '')).toBe('empty');
  });
});
