import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../../src-shared/domain/search-syntax';

describe('search syntax', () => {
  it('separates operators from words', () => {
    const parsed = parseSearch('refund status:open channel:twitter from:"Kim Minji" tag:VIP priority:high,urgent assignee:me');
    expect(parsed.words).toEqual(['refund']);
    expect(parsed.status).toEqual(['open']);
    expect(parsed.channel).toEqual(['twitter']);
    expect(parsed.from).toEqual(['Kim Minji']);
    expect(parsed.tags).toEqual(['vip']);
    expect(parsed.priority).toEqual(['high', 'urgent']);
    expect(parsed.assignee).toEqual(['me']);
    expect(parsed.errors).toEqual([]);
  });

  it('reports unknown values and keeps unknown operators as words', () => {
    const parsed = parseSearch('status:later channel:fax foo:bar 배송');
    expect(parsed.errors).toEqual(['Unknown status "later"', 'Unknown channel "fax"']);
    expect(parsed.words).toEqual(['foo:bar', '배송']);
  });

  it('accepts on_hold as hold and quoted phrases as one word', () => {
    const parsed = parseSearch('status:on_hold "late delivery"');
    expect(parsed.status).toEqual(['hold']);
    expect(parsed.words).toEqual(['late delivery']);
  });
});
