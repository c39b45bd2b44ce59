// The presence broker settings (DESIGN §7, §9): URL, username and workspace are settings; the
// password lives only in the SecretStore (the OS keychain), under `presenceSecretKey`, never in
// SQLite, logs or settings files.
import { z } from 'zod';
import { isValidAgentId, isValidWorkspace } from './topics';

const BROKER_PROTOCOLS = new Set(['mqtt:', 'mqtts:', 'ws:', 'wss:']);

function isBrokerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return BROKER_PROTOCOLS.has(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const presenceSettingsSchema = z
  .object({
    /** mqtt://host:1883, mqtts://host:8883, ws(s)://host/mqtt. Credentials never go in the URL. */
    brokerUrl: z.string().trim().max(500).refine(isBrokerUrl, 'a broker URL is mqtt://, mqtts://, ws:// or wss:// with a host and no credentials'),
    /** The broker username, which is also the agent id others see in topics (often the agent's e-mail). */
    username: z.string().trim().refine(isValidAgentId, 'a broker username has 1–128 characters and no spaces, "/", "+" or "#"'),
    /** The team's topic prefix: `shiftdesk/<workspace>/…`. */
    workspace: z.string().trim().refine(isValidWorkspace, 'a workspace has 1–64 letters, digits, ".", "_" or "-"'),
  })
  .strict();
export type PresenceSettings = z.infer<typeof presenceSettingsSchema>;

/** Where the broker password is kept in the SecretStore. */
export function presenceSecretKey(settings: Pick<PresenceSettings, 'brokerUrl' | 'username'>): string {
  return `presence:${settings.username}@${settings.brokerUrl}:password`;
}
