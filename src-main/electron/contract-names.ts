import type { EventName, MethodId } from '../../src-shared/contract/api';

// The contract's method and event names as plain data, for the sandboxed preload: it cannot load
// zod (api.ts builds its schemas at import), so it gets the names only. The mapped types make tsc
// fail here whenever a method or event is added to or removed from the contract.

const METHOD_FLAGS: { readonly [M in MethodId]: true } = {
  'accounts:list': true,
  'accounts:add': true,
  'accounts:remove': true,
  'accounts:test': true,
  'accounts:setSecrets': true,
  'inbox:list': true,
  'inbox:counts': true,
  'cases:get': true,
  'customers:get': true,
  'search:query': true,
  'sync:status': true,
  'sync:retry': true,
  'sync:recordIssues': true,
  'directory:get': true,
  'cases:act': true,
  'cases:send': true,
  'outbox:list': true,
  'outbox:retry': true,
  'outbox:discard': true,
  'outbox:applyAnyway': true,
  'outbox:edit': true,
  'outbox:review': true,
  'outbox:decisions': true,
  'drafts:get': true,
  'drafts:save': true,
  'network:status': true,
  'network:setOffline': true,
  'app:info': true,
  'presence:get': true,
  'presence:setStatus': true,
  'presence:setActivity': true,
  'presence:leave': true,
  'presence:settings:get': true,
  'presence:settings:set': true,
  'macros:list': true,
  'macros:save': true,
  'macros:delete': true,
  'macros:suggest': true,
  'macros:context': true,
  'macros:used': true,
  'macros:applyBulk': true,
  'attachments:get': true,
  'sla:policies:list': true,
  'sla:policies:save': true,
  'sla:policies:delete': true,
  // --- issue 7: SLA ---
  'priority:settings:get': true,
  'priority:settings:set': true,
  'priority:preview': true,
  'routing:suggest': true,
  // --- issue 7: smart priority and routing ---
  'supervisor:get': true,
  'supervisor:access': true,
  // --- issue 7: supervisor ---
};

const EVENT_FLAGS: { readonly [E in EventName]: true } = {
  onChange: true,
  onSyncProgress: true,
  onNetworkStatus: true,
  onPresence: true,
  onPresenceConnection: true,
  onCaseEvent: true,
};

export const METHOD_IDS = Object.freeze(Object.keys(METHOD_FLAGS) as MethodId[]);
export const EVENT_IDS = Object.freeze(Object.keys(EVENT_FLAGS) as EventName[]);

export function isKnownMethod(value: unknown): value is MethodId {
  return typeof value === 'string' && Object.hasOwn(METHOD_FLAGS, value);
}

export function isKnownEvent(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(EVENT_FLAGS, value);
}
