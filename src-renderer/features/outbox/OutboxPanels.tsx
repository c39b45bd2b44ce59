import { ConflictDialog } from './ConflictDialog';
import { OutboxDialog } from './OutboxDialog';
import { closeOutboxPanel, openOutbox, useOutboxPanel } from './outbox-store';

/** The outbox and the conflict dialog, one at a time; a conflict opened from the outbox returns to it. */
export function OutboxPanels() {
  const panel = useOutboxPanel((s) => s.panel);
  if (panel === null) return null;
  if (panel.kind === 'outbox') return <OutboxDialog onClose={closeOutboxPanel} />;
  return <ConflictDialog key={panel.caseId} caseId={panel.caseId} focusId={panel.focusId} onClose={panel.fromOutbox ? openOutbox : closeOutboxPanel} />;
}
