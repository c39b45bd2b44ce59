// The renderer's door to core: calls, events, cache keys and the connection state.
export { api } from './client';
export { BridgeError } from './bridge-error';
export { useConnectionState, type ConnectionStatus } from './connection-state';
export { subscribeToCoreEvents } from './live-updates';
export { createQueryClient } from './query-client';
export { accountKeys, caseKeys, customerKeys, directoryKeys, inboxKeys, searchKeys, syncKeys, type InboxListKey } from './query-keys';
export { accountsQuery, caseDetailQuery, countsQuery, customerDetailQuery, directoryQuery, searchQuery, syncStatusQuery } from './queries';
