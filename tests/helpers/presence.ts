// Presence test helpers: agents (PresenceService with the password in a memory secret store), the
// short timings the tests run with, and waiting for a condition instead of sleeping.
import { presenceSecretKey } from '../../src-main/core/presence/presence-settings';
import { PresenceService, type PresenceServiceOptions } from '../../src-main/core/presence/presence-service';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { CaseEventNotice } from '../../src-shared/domain/presence';

export const WORKSPACE = 'support';

/** Heartbeat 1 s, expiry 3 s, quick reconnects (the defaults are 20 s / 60 s). */
export const FAST: Partial<PresenceServiceOptions> = {
  heartbeatMs: 1000,
  expiryMs: 3000,
  keepaliveSec: 5,
  connectTimeoutMs: 2000,
  backoff: { baseMs: 100, capMs: 400 },
};

export interface TestAgent {
  service: PresenceService;
  secrets: MemorySecretStore;
  /** Case events received, in order. */
  events: CaseEventNotice[];
  /** Connection states seen, in order. */
  states: string[];
}

export async function startAgent(brokerUrl: string, agentId: string, password: string | null, options: Partial<PresenceServiceOptions> = {}): Promise<TestAgent> {
  const secrets = new MemorySecretStore();
  if (password !== null) await secrets.set(presenceSecretKey({ brokerUrl, username: agentId }), password);
  const service = new PresenceService({ brokerUrl, workspace: WORKSPACE, agentId, name: agentId.split('@')[0]!.toUpperCase(), secrets, ...FAST, ...options });
  const agent: TestAgent = { service, secrets, events: [], states: [service.connection.state] };
  service.onCaseEvent((event) => agent.events.push(event));
  service.onConnectionChange((status) => agent.states.push(status.state));
  service.start();
  return agent;
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function connected(agent: TestAgent): Promise<true> {
  return waitFor(`${agent.service.agentId} to connect`, () => agent.service.connection.state === 'connected');
}

/** `activity` of `agentId` on `caseKey` as `viewer` sees it, or null. */
export function activityOf(viewer: TestAgent, caseKey: string, agentId: string): string | null {
  return viewer.service.forCase(caseKey).find((p) => p.agentId === agentId)?.activity ?? null;
}
