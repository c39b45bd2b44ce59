import { describe, expect, it } from 'vitest';
import { applyIntent, foldIntents, isEmptyIntent, type EditableFields } from '../../../src-shared/domain/case-intent';

const remote: EditableFields = { status: 'open', priority: 'normal', assigneeId: null, groupId: 2, tags: ['refund', 'vip'] };

describe('case intents', () => {
  it('applies field changes and leaves the rest', () => {
    expect(applyIntent(remote, { status: 'pending', assigneeId: 7 })).toEqual({ ...remote, status: 'pending', assigneeId: 7 });
    expect(applyIntent(remote, { priority: null, groupId: null })).toEqual({ ...remote, priority: null, groupId: null });
  });

  it('adds and removes tags without replacing the list', () => {
    expect(applyIntent(remote, { addTags: ['urgent', 'vip'], removeTags: ['refund'] }).tags).toEqual(['vip', 'urgent']);
  });

  it('folds pending intents in order over the remote state (rebase)', () => {
    const teammateChanged: EditableFields = { ...remote, tags: [...remote.tags, 'teammate'], priority: 'high' };
    const pending = [{ status: 'solved' as const }, { addTags: ['mine'] }, { status: 'pending' as const }];
    expect(foldIntents(teammateChanged, pending)).toEqual({ status: 'pending', priority: 'high', assigneeId: null, groupId: 2, tags: ['refund', 'vip', 'teammate', 'mine'] });
    expect(foldIntents(remote, [])).toEqual(remote);
  });

  it('recognises an empty intent', () => {
    expect(isEmptyIntent({})).toBe(true);
    expect(isEmptyIntent({ addTags: [] })).toBe(true);
    expect(isEmptyIntent({ comment: { body: 'x', public: true } })).toBe(false);
  });
});
