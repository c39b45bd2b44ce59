// Presence (DESIGN §7, docs/presence.md): who else is on a case, my status, and reporting what I do.
export { CasePresence } from './CasePresence';
export { CollisionWarning } from './CollisionWarning';
export { MyPresence } from './MyPresence';
export { RowPresence } from './RowPresence';
export { noteSendDone, noteSending, noteTyping } from './my-activity';
export { useReportCasePresence } from './use-report-presence';
