import { memo } from 'react';
import { Archive, Hourglass, Inbox, PauseCircle, UserRound, UserX, type LucideIcon } from 'lucide-react';
import './inbox.css';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS } from '../../../src-shared/domain/channels';
import { FIXED_VIEW_IDS, type FixedViewId, type ViewId } from '../../../src-shared/domain/views';
import { channelIcon } from '../../ui/ChannelIcon';
import { useFilters } from './filters-store';
import { goToView } from './go-to-view';
import { useInboxCounts } from './use-inbox-counts';

const FIXED_ICONS: Record<FixedViewId, LucideIcon> = {
  mine: UserRound,
  unassigned: UserX,
  all_open: Inbox,
  pending: Hourglass,
  on_hold: PauseCircle,
  solved: Archive,
};

/** The queues an agent switches between, each with its live count. */
// Memoized: it takes no props, so a parent's re-render (opening a case) does not re-render it.
export const ViewsSidebar = memo(function ViewsSidebar() {
  const { t } = useTranslation();
  const counts = useInboxCounts().data;
  const otherOpen = useFilters((s) => s.view === 'channel:other');
  return (
    <nav className="views" aria-label={t('views.label')}>
      <ul className="view-list">
        {FIXED_VIEW_IDS.map((id) => (
          <ViewButton key={id} id={id} label={t(`views.${id}`)} Icon={FIXED_ICONS[id]} count={counts?.[id]} />
        ))}
      </ul>
      <h2 className="views-heading">{t('views.channelsHeading')}</h2>
      <ul className="view-list">
        {CHANNEL_KINDS.map((kind) =>
          // "Other" (channels the helpdesk has and we have no kind for) only when something is in it (or it is open).
          kind === 'other' && !counts?.['channel:other'] && !otherOpen ? null : (
            <ViewButton key={kind} id={`channel:${kind}`} label={t(`channel.${kind}`)} Icon={channelIcon(kind)} count={counts?.[`channel:${kind}`]} />
          ),
        )}
      </ul>
    </nav>
  );
});

function ViewButton({ id, label, Icon, count }: { id: ViewId; label: string; Icon: LucideIcon; count: number | undefined }) {
  const active = useFilters((s) => s.view === id);
  const choose = () => goToView(id);
  return (
    <li>
      <button type="button" className="view-button" data-testid={`view-${id}`} aria-current={active ? 'page' : undefined} onClick={choose}>
        <Icon size={16} strokeWidth={1.8} aria-hidden="true" className="view-icon" />
        <span className="view-label">{label}</span>
        <span className={`view-count${count === 0 ? ' is-zero' : ''}`} data-testid="view-count">
          {count ?? ''}
        </span>
      </button>
    </li>
  );
}
