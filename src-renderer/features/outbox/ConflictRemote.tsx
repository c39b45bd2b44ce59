import { useTranslation } from 'react-i18next';
import type { CaseDetail, OutboxItemView } from '../../../src-shared/contract/models';
import { CASE_STATUSES, type CaseStatus } from '../../../src-shared/domain/case-fields';
import { MessageBrief } from '../../ui/MessageBrief';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusPill } from '../../ui/StatusPill';

function isStatus(value: string | null): value is CaseStatus {
  return value !== null && (CASE_STATUSES as readonly string[]).includes(value);
}

/**
 * Since when a message is news to the agent: after the case version the change was queued against
 * (the helpdesk's stamp, e.g. Zendesk's updated_at). Helpdesk times have whole seconds while the
 * action's own time has milliseconds, so without a usable version the second the change was queued
 * in counts as "since": a teammate's note written right after it must not be missed.
 */
export function newsSince(item: Pick<OutboxItemView, 'createdAt' | 'conflict'>): { after: number; inclusive: boolean } {
  const base = item.conflict?.baseVersion ? Date.parse(item.conflict.baseVersion) : Number.NaN;
  return Number.isFinite(base) ? { after: base, inclusive: false } : { after: Math.floor(item.createdAt / 1000) * 1000, inclusive: true };
}

/** The helpdesk's side of a conflict: its status and update time, and the messages that arrived since. */
export function ConflictRemote({ item, detail, headingId }: { item: OutboxItemView; detail: CaseDetail | undefined; headingId: string }) {
  const { t } = useTranslation();
  const conflict = item.conflict;
  const since = newsSince(item);
  const newer = (detail?.thread ?? []).filter((m) => m.pendingActionId === null && (since.inclusive ? m.createdAt >= since.after : m.createdAt > since.after));
  return (
    <section className="conflict-side is-theirs" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('conflict.theirs')}</h3>
      <dl className="conflict-remote-fields">
        <div>
          <dt>{t('conflict.remoteStatus')}</dt>
          <dd>{isStatus(conflict?.remoteStatus ?? null) ? <StatusPill status={conflict!.remoteStatus as CaseStatus} /> : t('conflict.unknown')}</dd>
        </div>
        <div>
          <dt>{t('conflict.remoteUpdated')}</dt>
          <dd>{conflict?.remoteUpdatedAt ? <RelativeTime at={conflict.remoteUpdatedAt} /> : t('conflict.unknown')}</dd>
        </div>
      </dl>
      <h4>{t('conflict.newMessages')}</h4>
      {newer.length === 0 ? (
        <p className="muted small">{t('conflict.noNewMessages')}</p>
      ) : (
        <ul className="conflict-messages">
          {newer.map((m) => (
            <li key={m.id} className={m.public ? undefined : 'is-internal'}>
              <MessageBrief message={m} classPrefix="conflict-message" />
            </li>
          ))}
        </ul>
      )}
      {conflict?.description ? <p className="muted small conflict-description">{t('conflict.helpdeskSaid', { message: conflict.description })}</p> : null}
    </section>
  );
}
