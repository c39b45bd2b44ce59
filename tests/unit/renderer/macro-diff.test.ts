import { describe, expect, it } from 'vitest';
import type { DirectoryView } from '../../../src-shared/contract/api';
import type { MacroView } from '../../../src-shared/contract/macros';
import { diffLines, resolveFields, type CaseFieldsNow } from '../../../src-renderer/features/macros/macro-diff';
import { rankMacros } from '../../../src-renderer/features/macros/macro-search';

const directory: DirectoryView = {
  agents: [
    { id: 1, accountId: 1, name: 'Jordan Lee', email: null, active: true },
    { id: 2, accountId: 1, name: 'Maya Rodriguez', email: null, active: true },
  ],
  groups: [{ id: 9, accountId: 1, name: 'Billing' }],
  tags: [],
  me: [1],
};
const current: CaseFieldsNow = { accountId: 1, status: 'open', priority: 'normal', assignee: { id: 2, name: 'Maya Rodriguez' } as never, group: null, tags: ['refund', 'vip'] };

describe('a macro against a case', () => {
  it('resolves me and set_tags for the case', () => {
    expect(resolveFields({ assignee: { kind: 'me' }, setTags: ['refund', 'done'] }, current, directory)).toEqual({ assigneeId: 1, addTags: ['refund', 'done'], removeTags: ['vip'] });
  });

  it('diffs only what changes, with what it was', () => {
    const lines = diffLines({ status: 'pending', priority: 'normal', assignee: { kind: 'me' }, groupId: 9, addTags: ['refund', 'refund_issued'], removeTags: ['vip', 'gone'] }, true, current, directory);
    expect(lines).toEqual([
      { field: 'status', from: 'open', to: 'pending' },
      { field: 'assignee', from: 'Maya Rodriguez', to: { kind: 'me', name: 'Jordan Lee' } },
      { field: 'group', from: null, to: 'Billing' },
      { field: 'tags', added: ['refund_issued'], removed: ['vip'] },
      { field: 'note' },
    ]);
  });

  it('in bulk shows every action without a "from"', () => {
    expect(diffLines({ status: 'solved', addTags: ['refund'] }, false, null, directory)).toEqual([
      { field: 'status', from: null, to: 'solved' },
      { field: 'tags', added: ['refund'], removed: [] },
    ]);
  });
});

describe('the palette list', () => {
  const macro = (id: number, title: string, body: string, usageCount: number): MacroView => ({ id, source: 'shared', accountId: 1, title, body, bodyPublic: true, actions: {}, usageCount, lastUsedAt: null, updatedAt: 0 });
  const macros = [macro(1, 'Refund: confirm refund issued', 'Your refund', 1), macro(2, 'Shipping delay', 'Your parcel', 9), macro(3, '환불 처리 완료 안내', '환불 처리가 완료되었습니다', 0)];

  it('starts with the suggestions, then the most used', () => {
    expect(rankMacros(macros, '', [{ macroId: 3, score: 2 }]).map((r) => [r.macro.id, r.suggested])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
  });

  it('matches fuzzily over title and text, Korean too', () => {
    expect(rankMacros(macros, 'refnd isued', [])[0]?.macro.id).toBe(1);
    expect(rankMacros(macros, '환불 처리', [])[0]?.macro.id).toBe(3);
    expect(rankMacros(macros, 'parcel', [])[0]?.macro.id).toBe(2);
  });
});
