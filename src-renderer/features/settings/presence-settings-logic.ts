import type { PresenceSettingsInput, PresenceSettingsView } from '../../../src-shared/contract/models';
import type { PresenceConnectionStatus } from '../../../src-shared/domain/presence';

// The Presence section's rules, kept apart from React so they can be tested on their own: what the
// form sends (the password is write-only), which field a refusal from core points at, and what the
// connection line says.

export const PRESENCE_FIELDS = ['brokerUrl', 'username', 'workspace'] as const;
export type PresenceField = (typeof PRESENCE_FIELDS)[number];

/** What the agent typed. `password` is only ever what they typed now, never the saved one. */
export interface PresenceFormValues {
  brokerUrl: string;
  username: string;
  workspace: string;
  password: string;
}

/** The form as it opens: the saved settings (no password: core never gives it back), or empty. */
export function initialPresenceForm(saved: PresenceSettingsView | null | undefined): PresenceFormValues {
  return { brokerUrl: saved?.brokerUrl ?? '', username: saved?.username ?? '', workspace: saved?.workspace ?? '', password: '' };
}

/**
 * What Save sends: the fields trimmed; the password only when one was typed (absent keeps the saved
 * one), never trimmed (spaces may be part of it).
 */
export function presenceSettingsInput(form: PresenceFormValues): PresenceSettingsInput {
  const input: PresenceSettingsInput = { brokerUrl: form.brokerUrl.trim(), username: form.username.trim(), workspace: form.workspace.trim() };
  if (form.password !== '') input.password = form.password;
  return input;
}

/** Removing the password keeps the saved settings as they are. */
export function removePasswordInput(saved: PresenceSettingsView): PresenceSettingsInput {
  return { brokerUrl: saved.brokerUrl, username: saved.username, workspace: saved.workspace, password: null };
}

/**
 * The saved password belongs to one broker URL and username (its keychain entry is named after
 * both): after changing either, it does not follow unless typed again.
 */
export function passwordLeftBehind(saved: PresenceSettingsView | null | undefined, form: PresenceFormValues): boolean {
  if (!saved?.hasPassword || form.password !== '') return false;
  return saved.brokerUrl !== form.brokerUrl.trim() || saved.username !== form.username.trim();
}

export interface PresenceSettingsProblem {
  /** The field core complained about, or null when the message names none we know. */
  field: PresenceField | null;
  /** Core's words for it. */
  message: string;
}

/**
 * Splits core's refusal into per-field problems. Core says either
 * `Invalid presence settings: brokerUrl: a broker URL is …; username: …` (its own rules) or
 * `Invalid input for presence:settings:set: workspace: String must contain …` (the contract's schema).
 */
export function presenceSettingsProblems(message: string): PresenceSettingsProblem[] {
  const detail = message.replace(/^.*?Invalid (?:presence settings|input for [\w:]+):\s*/s, '');
  const problems: PresenceSettingsProblem[] = [];
  for (const part of detail.split(/;\s+(?=\w+(?:\.\w+)*:\s)/)) {
    const match = /^(\w+)(?:\.\w+)*:\s*(.*)$/s.exec(part.trim());
    const field = match && (PRESENCE_FIELDS as readonly string[]).includes(match[1]!) ? (match[1] as PresenceField) : null;
    const text = field ? match![2]!.trim() : part.trim();
    if (text !== '' || field) problems.push({ field, message: text });
  }
  return problems.length > 0 ? problems : [{ field: null, message }];
}

/** The first problem of each field (what shows under it). */
export function fieldProblems(problems: readonly PresenceSettingsProblem[]): Partial<Record<PresenceField, string>> {
  const byField: Partial<Record<PresenceField, string>> = {};
  for (const problem of problems) if (problem.field && byField[problem.field] === undefined) byField[problem.field] = problem.message;
  return byField;
}

/** What the connection line shows. */
export type ConnectionDisplay =
  | { state: 'not-configured' }
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'unavailable'; error: string | null; retryInSeconds: number | null };

export function connectionDisplay(configured: boolean, status: PresenceConnectionStatus | null | undefined, now: number): ConnectionDisplay {
  if (!configured) return { state: 'not-configured' };
  if (!status || status.state === 'connecting') return { state: 'connecting' };
  if (status.state === 'connected') return { state: 'connected' };
  const retryInSeconds = status.nextRetryAt === null ? null : Math.max(0, Math.ceil((status.nextRetryAt - now) / 1000));
  return { state: 'unavailable', error: status.error, retryInSeconds };
}

/** Core's words as a sentence: "a broker URL is …" → "A broker URL is ….". */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  return `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}${/[.!?)]$/.test(trimmed) ? '' : '.'}`;
}
