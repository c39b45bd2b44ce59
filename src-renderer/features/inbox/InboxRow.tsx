import { Clock, ClockArrowUp } from 'lucide-react';
import { memo, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow as Row } from '../../../src-shared/contract/models';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { StatusPill } from '../../ui/StatusPill';
import { TagList } from '../../ui/TagList';
import { useNow } from '../../ui/use-now';
import { useShortDuration } from '../../ui/use-short-duration';
import { RowPresence } from '../presence';
import { SmartScoreChip } from '../priority';
import { SlaBadge } from '../sla';
import { useFilters } from './filters-store';
import { useSelection } from './selection-store';
import { useAccountLabel } from './use-accounts';

interface Props {
  row: Row;
  index: number;
  total: number;
  top: number;
  /** A click that no pointer press started (assistive technology): act on this row. */
  onClick: (event: MouseEvent, row: Row, index: number) => void;
  /** A button went down on the row: the click, wherever it completes, is about this row. */
  onPress: (event: PointerEvent, row: Row, index: number) => void;
}

/** One case in the list: who, what, how urgent, how long they have waited. */
export const InboxRow = memo(function InboxRow({ row, index, total, top, onClick, onPress }: Props) {
  const { t } = useTranslation();
  const selected = useSelection((s) => s.selectedIds.has(row.id));
  const focused = useSelection((s) => s.focusedId === row.id);
  const isOpen = useSelection((s) => s.openCaseId === row.id);
  // The smart-priority score shows while the list is sorted by it (its reasons are the chip's label).
  const smartSort = useFilters((s) => s.sort === 'smart');
  const accountLabel = useAccountLabel(row.accountId);
  const now = useNow();
  const shortDuration = useShortDuration();
  const waiting = row.waitingSince !== null;
  const waitingFor = waiting ? shortDuration(row.waitingSince!, Math.max(now, row.waitingSince!)) : null;

  return (
    <div
      id={`case-row-${row.id}`}
      role="option"
      className={`inbox-row${isOpen ? ' is-open' : ''}${waiting ? ' is-waiting' : ''}`}
      aria-selected={selected}
      aria-setsize={total}
      aria-posinset={index + 1}
      data-case-id={row.id}
      data-remote-id={row.remoteId}
      data-focused={focused ? 'true' : undefined}
      data-pending={row.pending ? 'true' : undefined}
      style={{ transform: `translateY(${top}px)` }}
      onPointerDown={(event) => onPress(event, row, index)}
      onClick={(event) => onClick(event, row, index)}
    >
      <ChannelIcon channel={row.channel} size={16} className="row-channel" />
      <div className="row-main">
        <div className="row-line row-top">
          <span className="row-customer">{row.customer?.name || t('inbox.unknownCustomer')}</span>
          <span className="row-badges">
            <RowPresence caseId={row.id} />
            {smartSort ? <SmartScoreChip smart={row.smart} /> : null}
            {row.pending ? (
              <span className="row-pending" role="img" aria-label={t('inbox.changesPending')} title={t('inbox.changesPending')}>
                <ClockArrowUp size={13} aria-hidden="true" />
              </span>
            ) : null}
            <PriorityBadge priority={row.priority} />
            <StatusPill status={row.status} />
          </span>
          {/* Always present, so badges line up whether or not the customer is waiting. */}
          <span className="row-waiting" title={waitingFor === null ? undefined : t('inbox.waitingFor', { time: waitingFor })}>
            {waitingFor === null ? null : (
              <>
                <Clock size={12} aria-hidden="true" />
                {waitingFor}
              </>
            )}
          </span>
        </div>
        <div className="row-line row-text">
          <span className="row-subject">{row.subject || t('inbox.noSubject')}</span>
          {row.snippet ? <span className="row-snippet">{row.snippet}</span> : null}
        </div>
        <div className="row-line row-meta">
          <span className={`row-assignee${row.assignee ? '' : ' is-unassigned'}`}>{row.assignee?.name ?? t('inbox.unassigned')}</span>
          {accountLabel ? (
            <span className="row-account" data-testid="row-account">
              {accountLabel}
            </span>
          ) : null}
          <TagList tags={row.tags} max={3} />
          <SlaBadge sla={row.sla} />
        </div>
      </div>
    </div>
  );
});
