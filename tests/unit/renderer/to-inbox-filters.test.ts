import { describe, expect, it } from 'vitest';
import { inboxFiltersSchema } from '../../../src-shared/contract/models';
import { EMPTY_FILTERS } from '../../../src-renderer/features/inbox/filters-store';
import { toInboxFilters } from '../../../src-renderer/features/inbox/to-inbox-filters';

describe('the filter bar as inbox filters', () => {
  it('leaves every "Any" out', () => {
    expect(toInboxFilters(EMPTY_FILTERS, '')).toEqual({});
  });

  it('turns each chosen value into a one-item list', () => {
    const filters = toInboxFilters({ ...EMPTY_FILTERS, status: 'open', channel: 'email', assignee: 'me', groupId: 4, tag: 'vip', accountId: 2 }, ' refund ');
    expect(filters).toEqual({ status: ['open'], channel: ['email'], assignee: ['me'], groupId: [4], tag: ['vip'], accountId: [2], text: 'refund' });
    expect(inboxFiltersSchema.safeParse(filters).success).toBe(true);
  });

  it('filters by one account', () => {
    expect(toInboxFilters({ ...EMPTY_FILTERS, accountId: 7 }, '')).toEqual({ accountId: [7] });
  });
});
