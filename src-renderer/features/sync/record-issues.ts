import { create } from 'zustand';
import type { RecordIssueView } from '../../../src-shared/contract/sync';

// The records an account's sync left out or stored with defaults: which account's list is open,
// and how a record kind is named (pure, for the dialog and its tests).

export const RECORD_KINDS = ['ticket', 'user', 'comment', 'ticket_event', 'organization', 'group', 'macro', 'sla_policy', 'sla_event', 'attachment'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The message key naming a kind of record, or null for a kind this version does not know. */
export function recordKindKey(kind: string): `recordIssues.kind.${RecordKind}` | null {
  return (RECORD_KINDS as readonly string[]).includes(kind) ? `recordIssues.kind.${kind as RecordKind}` : null;
}

/** An unknown kind as readable words: `ticket_field` → "ticket field". */
export function rawKindLabel(kind: string): string {
  return kind.replace(/[_-]+/g, ' ').trim() || kind;
}

/** The list split as the dialog shows it: left out first, then stored with defaults; each newest first. */
export function splitRecordIssues(list: readonly RecordIssueView[]): { skipped: RecordIssueView[]; mapped: RecordIssueView[] } {
  const newestFirst = (a: RecordIssueView, b: RecordIssueView) => b.lastSeenAt - a.lastSeenAt;
  return {
    skipped: list.filter((i) => i.issue === 'skipped').sort(newestFirst),
    mapped: list.filter((i) => i.issue === 'mapped').sort(newestFirst),
  };
}

/** The account whose list is open (one at a time), or null. */
export const useRecordIssuesDialog = create<{ accountId: number | null }>(() => ({ accountId: null }));

export function openRecordIssues(accountId: number): void {
  useRecordIssuesDialog.setState({ accountId });
}

export function closeRecordIssues(): void {
  useRecordIssuesDialog.setState({ accountId: null });
}
