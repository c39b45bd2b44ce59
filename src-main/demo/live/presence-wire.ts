// The presence wire format, as the demo's simulated teammates speak it (docs/presence.md: topics,
// case keys, payloads). The demo is a separate program, so it writes the documented protocol
// itself rather than importing the app's code; tests/integration/demo/presence-contract.test.ts
// proves the app parses everything written here.
import type { AgentStatus, PresenceActivity } from '../../../src-shared/domain/presence';

export const PRESENCE_TOPIC_ROOT = 'shiftdesk';
/** The workspace of demo profiles (the shells fill presence settings with it). */
export const DEMO_PRESENCE_WORKSPACE = 'demo';

/**
 * `<helpdesk identity>:<remote ticket id>`: the identity is the base URL's host (port included when
 * not the default), lower-cased, plus its path percent-encoded; the remote id is percent-encoded.
 */
export function demoCaseKey(baseUrl: string, ticketId: number | string): string {
  const url = new URL(baseUrl.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.host.toLowerCase()}${path === '' ? '' : encodeURIComponent(path)}:${encodeURIComponent(String(ticketId))}`;
}

export function statusTopicOf(workspace: string, agentId: string): string {
  return `${PRESENCE_TOPIC_ROOT}/${workspace}/agents/${agentId}/status`;
}

export function casePresenceTopicOf(workspace: string, caseKey: string, agentId: string): string {
  return `${PRESENCE_TOPIC_ROOT}/${workspace}/cases/${caseKey}/presence/${agentId}`;
}

export function caseEventTopicOf(workspace: string, caseKey: string, agentId: string): string {
  return `${PRESENCE_TOPIC_ROOT}/${workspace}/cases/${caseKey}/events/${agentId}`;
}

/** The filter for everyone's case presence in a workspace. */
export function casePresenceFilterOf(workspace: string): string {
  return `${PRESENCE_TOPIC_ROOT}/${workspace}/cases/+/presence/+`;
}

/** A case presence topic of `workspace` split into its case key and agent id, or null. */
export function parseCasePresenceTopic(workspace: string, topic: string): { caseKey: string; agentId: string } | null {
  const levels = topic.split('/');
  if (levels.length !== 6 || levels[0] !== PRESENCE_TOPIC_ROOT || levels[1] !== workspace || levels[2] !== 'cases' || levels[4] !== 'presence') return null;
  return { caseKey: levels[3]!, agentId: levels[5]! };
}

/** Fields every payload carries: the publisher's clock, its display name, its session and a counter. */
interface Envelope {
  at: number;
  name: string;
  sid: string;
  seq: number;
}

export interface StatusPayload extends Envelope {
  status: AgentStatus;
  /** The case last entered and not left. */
  case: string | null;
}

export interface CasePresencePayload extends Envelope {
  state: PresenceActivity;
  /** When this activity began (heartbeats keep it). */
  since: number;
}

export interface RepliedEventPayload extends Omit<Envelope, 'seq'> {
  kind: 'replied';
  public: boolean;
  /** Unique per action: readers report each (agent, action, kind) once. */
  actionId: string;
  /** The ticket's updated_at after the reply. */
  version: string;
}

export function encodePayload(payload: StatusPayload | CasePresencePayload | RepliedEventPayload): string {
  return JSON.stringify(payload);
}

/** A retained empty message clears a retained entry on the broker (leaving a case). */
export const CLEARED = '';
