// The MQTT topic scheme of presence (docs/presence.md). Every topic lives under
// `shiftdesk/<workspace>/`, and every topic an agent publishes to ends in its own agent id (the
// broker username), so a broker ACL with `%u` patterns lets each agent publish only as itself:
//
//   shiftdesk/<ws>/agents/<agentId>/status                  retained, Last Will = offline
//   shiftdesk/<ws>/cases/<caseKey>/presence/<agentId>       retained, heartbeat-refreshed, cleared on leave
//   shiftdesk/<ws>/cases/<caseKey>/events/<agentId>         not retained
//
// A topic level must not contain `/`, `+`, `#` or NUL; agent ids and case keys are checked here
// before they reach a topic, and incoming topics are parsed back with the same rules.

export const TOPIC_ROOT = 'shiftdesk';

const WORKSPACE = /^[A-Za-z0-9._-]{1,64}$/;
// Printable, no whitespace, none of MQTT's separator or wildcards.
// eslint-disable-next-line no-control-regex
const LEVEL_FORBIDDEN = /[/+#\u0000-\u0020\u007f]/u;

export const MAX_AGENT_ID_LENGTH = 128;
export const MAX_CASE_KEY_LENGTH = 200;

/** A workspace name: letters, digits, `.`, `_`, `-`; 1–64 characters. */
export function isValidWorkspace(workspace: string): boolean {
  return WORKSPACE.test(workspace);
}

/** An agent id is the agent's broker username (often an e-mail address): one topic level, 1–128 characters. */
export function isValidAgentId(agentId: string): boolean {
  return agentId.length >= 1 && agentId.length <= MAX_AGENT_ID_LENGTH && !LEVEL_FORBIDDEN.test(agentId) && !agentId.startsWith('$');
}

/** A case key (see `caseKeyFor`): one topic level, 1–200 characters. */
export function isValidCaseKey(caseKey: string): boolean {
  return caseKey.length >= 1 && caseKey.length <= MAX_CASE_KEY_LENGTH && !LEVEL_FORBIDDEN.test(caseKey);
}

/**
 * The helpdesk part of a case key: the base URL's host (with its port when not the default),
 * lower-cased, plus its path when it has one (percent-encoded so it stays one topic level).
 * `https://Acme.zendesk.com/` → `acme.zendesk.com`; `http://127.0.0.1:4010` → `127.0.0.1:4010`.
 */
export function helpdeskIdentity(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.host.toLowerCase()}${path === '' ? '' : encodeURIComponent(path)}`;
}

/**
 * The key of a case on the presence broker: the same for every agent of the helpdesk, whatever
 * their local database says. `<helpdesk identity>:<remote ticket id>`, e.g. `acme.zendesk.com:4211`.
 * Never a local row id (each agent's profile numbers cases differently).
 */
export function caseKeyFor(baseUrl: string, remoteId: string): string {
  if (remoteId.length === 0) throw new Error('a case key needs the remote id of the case');
  const key = `${helpdeskIdentity(baseUrl)}:${encodeURIComponent(remoteId)}`;
  if (!isValidCaseKey(key)) throw new Error(`cannot make a case key of ${baseUrl} and ${remoteId}`);
  return key;
}

function assertWorkspace(workspace: string): void {
  if (!isValidWorkspace(workspace)) throw new Error(`invalid presence workspace "${workspace}"`);
}

function assertAgent(agentId: string): void {
  if (!isValidAgentId(agentId)) throw new Error(`invalid agent id "${agentId}"`);
}

function assertCase(caseKey: string): void {
  if (!isValidCaseKey(caseKey)) throw new Error(`invalid case key "${caseKey}"`);
}

/** The filter a client subscribes to: everything of its workspace. */
export function workspaceFilter(workspace: string): string {
  assertWorkspace(workspace);
  return `${TOPIC_ROOT}/${workspace}/#`;
}

export function statusTopic(workspace: string, agentId: string): string {
  assertWorkspace(workspace);
  assertAgent(agentId);
  return `${TOPIC_ROOT}/${workspace}/agents/${agentId}/status`;
}

export function presenceTopic(workspace: string, caseKey: string, agentId: string): string {
  assertWorkspace(workspace);
  assertCase(caseKey);
  assertAgent(agentId);
  return `${TOPIC_ROOT}/${workspace}/cases/${caseKey}/presence/${agentId}`;
}

export function eventsTopic(workspace: string, caseKey: string, agentId: string): string {
  assertWorkspace(workspace);
  assertCase(caseKey);
  assertAgent(agentId);
  return `${TOPIC_ROOT}/${workspace}/cases/${caseKey}/events/${agentId}`;
}

export type ParsedTopic = { kind: 'status'; agentId: string } | { kind: 'presence'; caseKey: string; agentId: string } | { kind: 'event'; caseKey: string; agentId: string };

/**
 * Which presence topic of `workspace` this is, or null for anything else (another workspace, an
 * unknown shape, an invalid agent id or case key). The agent id always comes from here, never from
 * a payload.
 */
export function parseTopic(workspace: string, topic: string): ParsedTopic | null {
  const levels = topic.split('/');
  if (levels[0] !== TOPIC_ROOT || levels[1] !== workspace) return null;
  if (levels.length === 5 && levels[2] === 'agents' && levels[4] === 'status') {
    const agentId = levels[3]!;
    return isValidAgentId(agentId) ? { kind: 'status', agentId } : null;
  }
  if (levels.length === 6 && levels[2] === 'cases' && (levels[4] === 'presence' || levels[4] === 'events')) {
    const caseKey = levels[3]!;
    const agentId = levels[5]!;
    if (!isValidCaseKey(caseKey) || !isValidAgentId(agentId)) return null;
    return { kind: levels[4] === 'presence' ? 'presence' : 'event', caseKey, agentId };
  }
  return null;
}
