import { describe, expect, it } from 'vitest';
import { generateDataset, viaTypeOf } from '../../../src-main/demo';
import { compileTicketQuery, SearchQueryError, tokenize } from '../../../src-main/demo/api/search-query';

const ds = generateDataset({ seed: 2, cases: 300, anchorTime: Date.UTC(2026, 10, 20, 10, 0, 0) });
const ctx = { meId: ds.meAgent.id, dataset: ds };
const run = (query: string): number[] => ds.tickets().filter(compileTicketQuery(query, ctx)).map((t) => t.id);

describe('ticket search query', () => {
  it('tokenizes quoted phrases', () => {
    expect(tokenize('type:ticket group:"VIP care" "late delivery" -status:closed')).toEqual(['type:ticket', 'group:"VIP care"', '"late delivery"', '-status:closed']);
  });

  it('compares statuses in Zendesk order', () => {
    const unsolved = ds.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status)).map((t) => t.id);
    expect(run('status<solved')).toEqual(unsolved);
    expect(run('type:ticket status<=hold')).toEqual(unsolved);
    expect(run('status>hold')).toEqual(ds.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').map((t) => t.id));
    expect(run('status:open')).toEqual(ds.tickets().filter((t) => t.status === 'open').map((t) => t.id));
  });

  it('resolves assignee:me, assignee:none and ids, combined with AND', () => {
    const mine = ds.tickets().filter((t) => t.assignee_id === ds.meAgent.id && ['new', 'open', 'pending', 'hold'].includes(t.status)).map((t) => t.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(run('assignee:me status<solved')).toEqual(mine);
    expect(run(`assignee:${ds.meAgent.id} status<solved`)).toEqual(mine);
    expect(run(`assignee:${ds.meAgent.email ?? ''} status<solved`)).toEqual(mine);
    expect(run('assignee:none')).toEqual(ds.tickets().filter((t) => t.assignee_id === null).map((t) => t.id));
  });

  it('filters by group id, group name, tags, channel and negation', () => {
    const korean = ds.groups().find((g) => g.name === '한국 지원');
    const inGroup = ds.tickets().filter((t) => t.group_id === korean?.id).map((t) => t.id);
    expect(run(`group:${korean?.id}`)).toEqual(inGroup);
    expect(run('group:"한국 지원"')).toEqual(inGroup);
    expect(run('tags:refund')).toEqual(ds.tickets().filter((t) => t.tags.includes('refund')).map((t) => t.id));
    expect(run('via:whatsapp')).toEqual(ds.tickets().filter((t) => viaTypeOf(t.via.channel) === 'whatsapp').map((t) => t.id));
    expect(run('-status:closed')).toEqual(ds.tickets().filter((t) => t.status !== 'closed').map((t) => t.id));
  });

  it('matches free words in subject and description, including Hangul', () => {
    expect(run('환불')).toContain(ds.sampleKoreanTicketId);
  });

  it('rejects unknown terms and values', () => {
    expect(() => compileTicketQuery('colour:blue', ctx)).toThrow(SearchQueryError);
    expect(() => compileTicketQuery('status:sleeping', ctx)).toThrow(SearchQueryError);
    expect(() => compileTicketQuery('type:user', ctx)).toThrow(SearchQueryError);
  });
});
