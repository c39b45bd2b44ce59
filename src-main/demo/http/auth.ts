// Zendesk API token auth: HTTP basic with "{email}/token:{token}". Only agents and admins of
// the dataset get in.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DemoDataset, DemoUser } from '../dataset/types';

export const UNAUTHORIZED_BODY = { error: "Couldn't authenticate you" };

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function authenticate(header: string | undefined, dataset: DemoDataset, token: string): DemoUser | null {
  if (!header) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const credentials = /^([^:]+)\/token:(.*)$/s.exec(decoded);
  if (!credentials) return null;
  const [, email = '', given = ''] = credentials;
  if (!sameSecret(given, token)) return null;
  const user = dataset.userByEmail(email);
  if (!user || user.role === 'end-user' || user.suspended || !user.active) return null;
  return user;
}

/** The Authorization header value for an agent e-mail and token. */
export function basicAuthHeader(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`, 'utf8').toString('base64')}`;
}
