import { useQuery } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { useMemo } from 'react';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import { useTranslation } from 'react-i18next';
import { outboxListQuery } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { OutboxItemRow } from './OutboxItemRow';
import { useNetworkSummary } from './use-network-status';

/** Queued actions held back (each case is sent in order) by an earlier failed or conflicting one. */
function heldBack(items: readonly OutboxItemView[]): ReadonlySet<string> {
  const stuckCases = new Set<number>();
  const held = new Set<string>();
  for (const item of items) {
    if (item.state === 'queued' && stuckCases.has(item.caseId)) held.add(item.id);
    if (item.state === 'failed' || item.state === 'conflict') stuckCases.add(item.caseId);
  }
  return held;
}

/** Everything the agent changed that the helpdesk does not have yet, oldest first. */
export function OutboxDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const items = useQuery(outboxListQuery());
  const network = useNetworkSummary();
  const state = network?.state ?? 'online';
  const held = useMemo(() => heldBack(items.data ?? []), [items.data]);

  let body;
  if (items.isPending) body = <p className="muted">{t('outbox.loading')}</p>;
  else if (items.isError) body = <p role="alert">{t('app.loadError', { message: items.error.message })}</p>;
  else if (items.data.length === 0)
    body = (
      <p className="outbox-empty">
        <CheckCircle2 size={18} aria-hidden="true" />
        {t('outbox.empty')}
      </p>
    );
  else
    body = (
      <ul className="outbox-list" aria-label={t('outbox.listLabel')}>
        {items.data.map((item) => (
          <OutboxItemRow key={item.id} item={item} heldBack={held.has(item.id)} />
        ))}
      </ul>
    );

  return (
    <Dialog title={t('outbox.title')} onClose={onClose} className="outbox-dialog">
      {items.data && items.data.length > 0 ? <p className={`outbox-note is-${state}`}>{state === 'partlyOffline' ? t('outbox.partlyOffline', { accounts: network?.down.map((a) => a.name).join(', ') ?? '' }) : t(`outbox.${state}`)}</p> : null}
      {body}
    </Dialog>
  );
}
