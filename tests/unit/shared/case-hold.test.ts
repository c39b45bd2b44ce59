import { describe, expect, it } from 'vitest';
import type { CaseNewsItem, ThreadMessage } from '../../../src-shared/contract/models';
import { holdVerdict, newsKey, touchesOf, unshown } from '../../../src-shared/domain/case-hold';

// The rules that say which of a case's held actions needs the agent's own decision (docs/outbox.md).

const message = (id: number, authorKind: ThreadMessage['authorKind'] = 'customer'): CaseNewsItem => ({
  kind: 'message',
  message: { id, remoteId: String(id), authorKind, author: null, channel: 'email', channelRaw: null, public: true, bodyText: 'x', bodyHtml: null, attachments: [], createdAt: 1, senderDate: null, pendingActionId: null },
});
const field = (name: Extract<CaseNewsItem, { kind: 'field' }>['field'], from: string | null, to: string | null): CaseNewsItem => ({ kind: 'field', field: name, from, to });

describe('what a held action touches', () => {
  const teammateSolvedAndReplied = [message(10, 'agent'), field('status', 'open', 'solved')];

  it('a reply or note after anyone else\'s new message touches the thread; a field change does not', () => {
    expect(touchesOf({ comment: { body: 'Hi', public: true } }, [message(10)])).toEqual(['thread']);
    expect(touchesOf({ comment: { body: 'Note', public: false } }, [message(10, 'agent')])).toEqual(['thread']);
    expect(touchesOf({ addTags: ['x'], priority: 'high' }, [message(10)])).toEqual([]);
  });

  it('a field someone else changed is touched when the action sets it to something else', () => {
    expect(touchesOf({ status: 'pending' }, teammateSolvedAndReplied)).toEqual(['status']);
    // Their Solved and mine agree: nothing is overwritten.
    expect(touchesOf({ status: 'solved' }, teammateSolvedAndReplied)).toEqual([]);
    expect(touchesOf({ priority: null }, [field('priority', 'low', 'high')])).toEqual(['priority']);
    expect(touchesOf({ priority: 'high' }, [field('priority', 'low', 'high')])).toEqual([]);
    expect(touchesOf({ assigneeId: 4 }, [field('assignee', 'Ana', 'Maya')])).toEqual(['assignee']);
    expect(touchesOf({ groupId: 2 }, [field('group', null, 'Billing')])).toEqual(['group']);
    // A reply with a status: both.
    expect(touchesOf({ comment: { body: 'Done', public: true }, status: 'pending' }, teammateSolvedAndReplied)).toEqual(['thread', 'status']);
  });

  it('tags are touched only when the action undoes what someone else did to a tag', () => {
    const theirs = field('tags', 'billing vip', 'billing refund');
    expect(touchesOf({ addTags: ['urgent'] }, [theirs])).toEqual([]);
    expect(touchesOf({ addTags: ['VIP'] }, [theirs])).toEqual(['tags']);
    expect(touchesOf({ removeTags: ['refund'] }, [theirs])).toEqual(['tags']);
    expect(touchesOf({ removeTags: ['billing'] }, [theirs])).toEqual([]);
  });

  it('a teammate\'s announced event counts like what it announces', () => {
    const event = (kind: 'replied' | 'status_changed' | 'assigned', status?: 'solved'): CaseNewsItem => ({
      kind: 'event',
      event: { caseId: 1, agentId: 'Maya@x', name: 'Maya', kind, actionId: 'a', at: 1, ...(status ? { status } : {}) },
    });
    expect(touchesOf({ comment: { body: 'Hi', public: true } }, [event('replied')])).toEqual(['thread']);
    expect(touchesOf({ status: 'open' }, [event('status_changed', 'solved')])).toEqual(['status']);
    expect(touchesOf({ status: 'solved' }, [event('status_changed', 'solved')])).toEqual([]);
    expect(touchesOf({ assigneeId: null }, [event('assigned')])).toEqual(['assignee']);
    expect(newsKey(event('replied'))).toBe('event:maya@x:replied:a');
  });

  it('nothing new touches nothing', () => {
    expect(touchesOf({ comment: { body: 'Hi', public: true }, status: 'solved', addTags: ['a'] }, [])).toEqual([]);
  });
});

describe('where a held action stands', () => {
  it('a stopped action always needs a decision; one behind it only when it touches something', () => {
    expect(holdVerdict('conflict', [])).toBe('decide');
    expect(holdVerdict('queued', ['status'])).toBe('decide');
    expect(holdVerdict('queued', [])).toBe('waits');
    expect(holdVerdict('sending', ['thread'])).toBe('sending');
    expect(holdVerdict('failed', [])).toBe('failed');
  });

  it('knows what the agent was not shown', () => {
    const news = [message(10), field('status', 'open', 'solved'), message(11)];
    expect(news.map(newsKey)).toEqual(['message:10', 'field:status:solved', 'message:11']);
    expect(unshown(news, ['message:10', 'field:status:solved'])).toEqual([message(11)]);
    // The same field changed again to another value is new.
    expect(unshown([field('status', 'open', 'pending')], ['field:status:solved'])).toHaveLength(1);
    expect(unshown(news, news.map(newsKey))).toEqual([]);
  });
});
