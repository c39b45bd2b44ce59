import type { CaseNewsItem, HoldTouch, HoldVerdict, OutboxItemState } from '../contract/models';
import type { CaseIntent } from './case-intent';

// A conflict is about a case, not one action (DESIGN §6, docs/outbox.md). When one queued action
// on a case stops, every later one on that case is held with it and judged on its own against what
// others did since it was queued: the rules below say what an action would overwrite or answer after.

const TOUCH_ORDER: readonly HoldTouch[] = ['thread', 'status', 'priority', 'assignee', 'group', 'tags'];

function tagSet(list: string | null): Set<string> {
  return new Set((list ?? '').split(' ').filter(Boolean).map((t) => t.toLowerCase()));
}

/**
 * What of `news` the action would overwrite or answer after:
 * - `thread`: it carries a message (reply or note) and someone else wrote on the case since;
 * - a field it sets that someone else changed to another value (a teammate's Solved and my
 *   Solved agree: nothing is overwritten);
 * - `tags`: it adds a tag someone else removed, or removes one someone else added (tags are added
 *   and removed one by one, never replaced, so other tag changes survive it).
 * Teammates' announced events count like the message or field they announce.
 */
export function touchesOf(intent: CaseIntent, news: readonly CaseNewsItem[]): HoldTouch[] {
  const touched = new Set<HoldTouch>();
  for (const item of news) {
    if (item.kind === 'message') {
      if (intent.comment) touched.add('thread');
      continue;
    }
    if (item.kind === 'event') {
      const { kind, status } = item.event;
      if (kind === 'replied' && intent.comment) touched.add('thread');
      if (kind === 'status_changed' && intent.status !== undefined && intent.status !== status) touched.add('status');
      if (kind === 'assigned' && intent.assigneeId !== undefined) touched.add('assignee');
      continue;
    }
    switch (item.field) {
      case 'status':
        if (intent.status !== undefined && intent.status !== item.to) touched.add('status');
        break;
      case 'priority':
        if (intent.priority !== undefined && (intent.priority ?? null) !== item.to) touched.add('priority');
        break;
      case 'assignee':
        if (intent.assigneeId !== undefined) touched.add('assignee');
        break;
      case 'group':
        if (intent.groupId !== undefined) touched.add('group');
        break;
      case 'tags': {
        const before = tagSet(item.from);
        const after = tagSet(item.to);
        const removedByThem = (tag: string) => before.has(tag.toLowerCase()) && !after.has(tag.toLowerCase());
        const addedByThem = (tag: string) => after.has(tag.toLowerCase()) && !before.has(tag.toLowerCase());
        if ((intent.addTags ?? []).some(removedByThem) || (intent.removeTags ?? []).some(addedByThem)) touched.add('tags');
        break;
      }
    }
  }
  return TOUCH_ORDER.filter((t) => touched.has(t));
}

/**
 * Where a held action stands. A stopped one (`conflict`) needs the agent's choice, whatever it
 * touches: the helpdesk refused it, or it was stopped because it touched something. A queued one
 * behind it needs a choice too when it touches what others did; otherwise it waits and goes by
 * itself once the ones before it are decided.
 */
export function holdVerdict(state: OutboxItemState, touches: readonly HoldTouch[]): HoldVerdict {
  if (state === 'conflict') return 'decide';
  if (state === 'failed') return 'failed';
  if (state === 'sending') return 'sending';
  return touches.length > 0 ? 'decide' : 'waits';
}

/** A stable key per news item: what the renderer says it showed when the agent decides. */
export function newsKey(item: CaseNewsItem): string {
  if (item.kind === 'message') return `message:${item.message.id}`;
  if (item.kind === 'field') return `field:${item.field}:${item.to ?? ''}`;
  return `event:${item.event.agentId.toLowerCase()}:${item.event.kind}:${item.event.actionId}`;
}

/** The items of `news` the agent was not shown (`shown`: their keys). */
export function unshown(news: readonly CaseNewsItem[], shown: readonly string[]): CaseNewsItem[] {
  const seen = new Set(shown);
  return news.filter((item) => !seen.has(newsKey(item)));
}
