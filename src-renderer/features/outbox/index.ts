// The outbox: network state and "Work offline" in the status bar, the outbox panel, and conflicts.
export { NetworkStatus } from './NetworkStatus';
export { OutboxPanels } from './OutboxPanels';
export { closeOutboxPanel, openConflict, openOutbox, useOutboxPanel } from './outbox-store';
export { useConflictWatcher } from './use-conflict-watcher';
