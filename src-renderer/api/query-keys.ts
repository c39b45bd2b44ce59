import type { InboxFilters } from '../../src-shared/contract/models';
import type { InboxSort, ViewId } from '../../src-shared/domain/views';

// react-query keys, one factory per feature. Keys are hierarchical so an event can invalidate
// exactly a family (every inbox page) or one entry (one case).

/** An inbox list without its paging: all pages of one list share this prefix. */
export interface InboxListKey {
  view: ViewId;
  filters: InboxFilters;
  sort: InboxSort;
}

export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => ['inbox', 'list'] as const,
  list: (query: InboxListKey) => ['inbox', 'list', query] as const,
  page: (query: InboxListKey, offset: number) => ['inbox', 'list', query, offset] as const,
  counts: () => ['inbox', 'counts'] as const,
};

export const caseKeys = {
  all: ['case'] as const,
  detail: (id: number) => ['case', id] as const,
};

export const customerKeys = {
  all: ['customer'] as const,
  detail: (id: number) => ['customer', id] as const,
};

export const searchKeys = {
  all: ['search'] as const,
  query: (query: string) => ['search', query] as const,
};

export const accountKeys = {
  list: () => ['accounts'] as const,
};

export const syncKeys = {
  status: () => ['sync', 'status'] as const,
  /** The records an account's sync left out or stored with defaults (`sync:recordIssues`). */
  recordIssues: (accountId: number) => ['sync', 'recordIssues', accountId] as const,
};

export const directoryKeys = {
  all: () => ['directory'] as const,
};

export const outboxKeys = {
  all: ['outbox'] as const,
  list: () => ['outbox', 'list'] as const,
  reviews: () => ['outbox', 'review'] as const,
  review: (caseId: number) => ['outbox', 'review', caseId] as const,
};

export const draftKeys = {
  all: ['draft'] as const,
  detail: (caseId: number) => ['draft', caseId] as const,
};

export const networkKeys = {
  status: () => ['network', 'status'] as const,
};

export const appKeys = {
  info: () => ['app', 'info'] as const,
};

export const presenceKeys = {
  all: ['presence'] as const,
  views: () => ['presence', 'view'] as const,
  /** Presence of these cases, or of every case (`undefined`). */
  view: (caseIds?: readonly number[]) => ['presence', 'view', caseIds ? [...caseIds].sort((a, b) => a - b) : 'all'] as const,
  connection: () => ['presence', 'connection'] as const,
  /** The broker settings (`presence:settings:get`): URL, username, workspace, whether a password is saved. */
  settings: () => ['presence', 'settings'] as const,
};

export const macroKeys = {
  all: ['macros'] as const,
  /** Every active macro, shared and personal (`macros:list`). */
  list: () => ['macros', 'list'] as const,
  suggestionsAll: () => ['macros', 'suggest'] as const,
  /** The macros that fit one case best (`macros:suggest`). */
  suggestions: (caseId: number) => ['macros', 'suggest', caseId] as const,
  contextsAll: () => ['macros', 'context'] as const,
  /** The placeholder values of one case (`macros:context`), for previews. */
  context: (caseId: number) => ['macros', 'context', caseId] as const,
};
