// Sync and connection status for the status bar; sync problems in words, and the records sync skipped.
export { SyncStatus } from './SyncStatus';
export { NoticeItem } from './NoticeItem';
export { openRecordIssues } from './record-issues';
export { RecordIssuesDialog } from './RecordIssuesDialog';
export { needsSecrets, serverKindOf, statusSuffix } from './notice-wording';
