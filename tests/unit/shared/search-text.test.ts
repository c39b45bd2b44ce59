import { describe, expect, it } from 'vitest';
import { hasCjk, toIndexText, toMatchExpression } from '../../../src-shared/domain/search-text';

describe('search text', () => {
  it('indexes Korean runs as overlapping bigrams and leaves Latin text alone', () => {
    expect(toIndexText('환불요청 please')).toBe(' 환불 불요 요청  please');
    expect(toIndexText('Order ABC환불')).toBe('Order ABC 환불 ');
    expect(toIndexText('refund')).toBe('refund');
  });

  it('turns a Korean substring into the phrase of its bigrams', () => {
    expect(toMatchExpression(['환불'])).toBe('"환불"');
    expect(toMatchExpression(['불요청'])).toBe('"불요 요청"');
    expect(toMatchExpression(['환'])).toBe('"환"*');
  });

  it('ANDs words and makes the last Latin word a prefix', () => {
    expect(toMatchExpression(['late', 'deliv'])).toBe('"late" AND "deliv"*');
    expect(toMatchExpression(['a'])).toBe('"a"');
    expect(toMatchExpression(['"quoted"'])).toBe('"quoted"*');
    expect(toMatchExpression(['---'])).toBeNull();
  });

  it('quotes FTS syntax so user input cannot inject operators', () => {
    const expression = toMatchExpression(['NEAR(x', 'OR', 'yy)']);
    expect(expression).toBe('"NEAR" AND "x" AND "OR" AND "yy"*');
  });

  it('detects CJK text', () => {
    expect(hasCjk('배송')).toBe(true);
    expect(hasCjk('shipping')).toBe(false);
  });
});
