import { CircleAlert, Clock, LoaderCircle, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemState } from '../../src-shared/contract/models';

const ICONS = { queued: Clock, sending: LoaderCircle, failed: CircleAlert, conflict: TriangleAlert } as const;

/** Where an outbox action stands: Queued, Sending, Failed or Conflict, each with its colour. */
export function PendingStateLabel({ state }: { state: OutboxItemState }) {
  const { t } = useTranslation();
  const Icon = ICONS[state];
  return (
    <span className={`pending-state state-${state}`}>
      <Icon size={12} aria-hidden="true" className={state === 'sending' ? 'spin' : undefined} />
      {t(`outbox.state.${state}`)}
    </span>
  );
}
