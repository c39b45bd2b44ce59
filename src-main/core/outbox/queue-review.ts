import type { CaseNewsItem, DecisionShown, HoldTouch, OutboxConflict } from '../../../src-shared/contract/models';
import { touchesOf } from '../../../src-shared/domain/case-hold';
import type { Db } from '../db/connection';
import type { OutboxRow } from '../db/repos/outbox-repo';
import { CaseService } from '../services/case-service';
import { SendGuard } from './send-guard';

/** The outbox judges against the cache alone (re-read from the helpdesk first), not against presence events. */
const NO_EVENTS = { since: () => [] };

/**
 * What others did on a case since one of my queued actions was queued (or last decided on), and
 * what of it the action would overwrite or answer after (docs/outbox.md). Pure reads of the cache:
 * messages stored after the action's base that are not mine and not older than the newest message
 * it had, and fields whose helpdesk value differs from its base (my own sent actions are folded
 * into the base as they land).
 */
export class QueueReview {
  private readonly guard: SendGuard;

  constructor(db: Db) {
    this.guard = new SendGuard(db, new CaseService(db, () => undefined, () => []), NO_EVENTS);
  }

  news(row: OutboxRow): CaseNewsItem[] {
    const items = this.guard.news(row.caseId, { messageId: row.baseMessageId, fields: row.baseFields, version: row.baseVersion, at: row.createdAt, acknowledged: [] }).items;
    // An older message that reached the cache only later (a thread loaded after the action) is
    // not news: it was written before the newest one the agent had. Helpdesk times only.
    const since = row.baseMessageAt;
    return since === null ? items : items.filter((item) => item.kind !== 'message' || item.message.createdAt >= since);
  }

  touches(row: OutboxRow, news: readonly CaseNewsItem[] = this.news(row)): HoldTouch[] {
    return touchesOf(row.intent, news);
  }

  /**
   * A later action of a case whose queue just stopped: its own conflict (it needs a decision) when
   * it touches what others did, else null (it goes by itself after the ones before it).
   */
  judgeHeld(later: OutboxRow, stopped: Pick<OutboxRow, 'id'>, remote: Pick<OutboxConflict, 'remoteVersion' | 'remoteStatus' | 'remoteUpdatedAt' | 'reread'>): OutboxConflict | null {
    const touches = this.touches(later);
    if (touches.length === 0) return null;
    return {
      reason: 'held',
      heldBy: stopped.id,
      baseVersion: later.baseVersion,
      remoteVersion: remote.remoteVersion,
      remoteStatus: remote.remoteStatus,
      remoteUpdatedAt: remote.remoteUpdatedAt,
      ...(remote.reread !== undefined ? { reread: remote.reread } : {}),
      description: `held with an earlier change on this case; it would change ${touches.join(', ')}`,
    };
  }

  /** What a decision was made against, in the form it is recorded. */
  shown(news: readonly CaseNewsItem[], touches: readonly HoldTouch[], remoteVersion: string | null): DecisionShown {
    const shown: DecisionShown = { messages: [], fields: [], remoteVersion, touches: [...touches] };
    for (const item of news) {
      if (item.kind === 'message') {
        const m = item.message;
        shown.messages.push({ id: m.id, remoteId: m.remoteId, authorKind: m.authorKind, public: m.public, createdAt: m.createdAt });
      } else if (item.kind === 'field') shown.fields.push({ field: item.field, from: item.from, to: item.to });
    }
    return shown;
  }
}
