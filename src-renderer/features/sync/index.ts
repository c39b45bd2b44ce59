// Sync and connection status for the status bar.
export { SyncStatus } from './SyncStatus';
