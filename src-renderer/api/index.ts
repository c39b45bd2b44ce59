// The renderer's door to core: calls, events, cache keys, writes and the connection state.
export { api } from './client';
export { BridgeError } from './bridge-error';
export { useConnectionState, type ConnectionStatus } from './connection-state';
export { subscribeToCoreEvents } from './live-updates';
export { prefetchCaseView } from './prefetch';
export { createQueryClient } from './query-client';
export { accountKeys, appKeys, caseKeys, customerKeys, directoryKeys, draftKeys, inboxKeys, macroKeys, networkKeys, outboxKeys, presenceKeys, searchKeys, syncKeys, type InboxListKey } from './query-keys';
export {
  accountsQuery,
  appInfoQuery,
  caseDetailQuery,
  countsQuery,
  customerDetailQuery,
  directoryQuery,
  draftQuery,
  networkStatusQuery,
  outboxListQuery,
  outboxReviewQuery,
  presenceConnectionQuery,
  presenceQuery,
  presenceSettingsQuery,
  recordIssuesQuery,
  searchQuery,
  syncStatusQuery,
} from './queries';
export { useCaseAct, useCaseSend, useOutboxEdit, useOutboxStep, useSetOffline, useSetPresenceStatus, reportActivity, reportLeave, type CaseActInput, type OutboxStep } from './writes';
export { useSavePresenceSettings } from './presence-settings';
export { supervisorAccessQuery, supervisorKeys, supervisorQuery, SUPERVISOR_THROTTLE_MS } from './supervisor';
export { macrosQuery, macroSuggestionsQuery, macroContextQuery, useMacroUsed, useMacroApplyBulk, useSaveMacro, useDeleteMacro } from './macros';
export { slaWatchQuery } from './sla-watch';
export { slaPoliciesQuery, slaPolicyKeys, useDeleteSlaPolicy, useSaveSlaPolicy } from './sla-policies';
export { priorityKeys, prioritySettingsQuery, priorityPreviewQuery, routingQuery, useSavePrioritySettings } from './priority';
