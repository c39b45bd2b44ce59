import type { SyncNotice, SyncProblem } from '../../../src-shared/contract/sync';
import type { en } from '../../i18n/en';

// A sync notice in the agent's words: what does not work, why (the helpdesk's status in
// brackets), what happens meanwhile and when it is tried again. Pure: it picks message keys and
// their parameters; the component translates them and formats the times. The technical text
// (`notice.detail`) is never part of the wording: it stays one click away.

type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];

type NoticeMessages = (typeof en)['sync']['notice'];
/** A phrase's message key: one of the groups under `sync.notice` (not the sentence templates beside them). */
export type NoticeKey = {
  [G in 'step' | 'notAvailable' | 'partly' | 'title' | 'reason' | 'reasonMail' | 'then']: `sync.notice.${G}.${Leaves<NoticeMessages[G]>}`;
}['step' | 'notAvailable' | 'partly' | 'title' | 'reason' | 'reasonMail' | 'then'];

export interface NoticePhrase {
  key: NoticeKey;
  /** Only an unknown step's name (`sync.notice.step.unknown`). */
  params: { step?: string };
}

export interface NoticeWording {
  /** How it looks: an error (needs someone), a calm warning (passes by itself), or the offline line. */
  tone: 'error' | 'warning' | 'offline';
  /** What does not work, e.g. "Agents could not be listed". */
  title: NoticePhrase;
  /** Why, e.g. "the helpdesk refused"; null when the title says it all. */
  reason: NoticePhrase | null;
  /** The helpdesk's status after the reason, " (403)", or '' (no status, or no reason to attach it to). */
  status: string;
  /** What happens meanwhile, e.g. "Assignee names come from cases instead."; null when nothing worth saying. */
  consequence: NoticePhrase | null;
  /** When it is tried again: "in 5 min" (`in`) or "at 12:04" (`at`, a helpdesk's rate limit). */
  retry: { kind: 'in' | 'at'; at: number } | null;
}

/** The steps with their own words; any other step (a future one) gets the generic wording. */
export const KNOWN_STEPS = [
  'identity',
  'groups',
  'agents',
  'organizations',
  'mine',
  'open-queue',
  'people',
  'cases',
  'messages',
  'macros',
  'sla-policies',
  'sla-events',
  'refresh',
  'threads',
  'inbox',
  'sent',
  'state',
] as const;
export type KnownStep = (typeof KNOWN_STEPS)[number];

/** The incremental exports: Zendesk lets only admins read them. */
const EXPORT_STEPS: ReadonlySet<string> = new Set(['people', 'cases', 'messages']);
/** Steps refused to agents who are not admins (the exports, and the SLA events export beside them). */
const ADMIN_STEPS: ReadonlySet<string> = new Set([...EXPORT_STEPS, 'sla-events']);

export function isKnownStep(step: string): step is KnownStep {
  return (KNOWN_STEPS as readonly string[]).includes(step);
}

/** Which server the words name: a helpdesk, or a mailbox's mail server. */
export type ServerKind = 'helpdesk' | 'mail';

/** " (403)" after a reason, or nothing when the server did not answer with a status. */
export function statusSuffix(status: number | null): string {
  return status === null ? '' : ` (${status})`;
}

function phrase(key: NoticeKey, params: { step?: string } = {}): NoticePhrase {
  return { key, params };
}

/** Why, in a few words: the problem and the status it came with. */
function reasonOf(problem: SyncProblem, step: string, server: ServerKind): NoticePhrase | null {
  const mail = server === 'mail';
  switch (problem) {
    case 'auth':
      return phrase(mail ? 'sync.notice.reasonMail.auth' : 'sync.notice.reason.auth');
    case 'forbidden':
      if (mail) return phrase('sync.notice.reasonMail.refused');
      return phrase(ADMIN_STEPS.has(step) ? 'sync.notice.reason.exportsAdminOnly' : 'sync.notice.reason.forbidden');
    case 'not-found':
      return phrase(mail ? 'sync.notice.reasonMail.notFound' : 'sync.notice.reason.notFound');
    case 'refused':
      return phrase(mail ? 'sync.notice.reasonMail.refused' : 'sync.notice.reason.refused');
    case 'unreadable':
      return phrase('sync.notice.reason.unreadable');
    case 'server':
      return phrase(mail ? 'sync.notice.reasonMail.server' : 'sync.notice.reason.server');
    case 'other':
      return phrase('sync.notice.reason.other');
    default:
      // unreachable, rate-limited, disk-full, secret-missing: their title says it all.
      return null;
  }
}

/** What does not work: the step's own words, or a few problems that read better as a whole. */
function titleOf(notice: SyncNotice, server: ServerKind): NoticePhrase {
  const { step, problem } = notice;
  if (problem === 'unreachable') return phrase(server === 'mail' ? 'sync.notice.title.unreachableMail' : 'sync.notice.title.unreachable');
  if (problem === 'rate-limited') return phrase(server === 'mail' ? 'sync.notice.title.rateLimitedMail' : 'sync.notice.title.rateLimited');
  if (problem === 'disk-full') return phrase('sync.notice.title.diskFull');
  if (problem === 'secret-missing') return phrase(server === 'mail' ? 'sync.notice.title.passwordMissing' : 'sync.notice.title.tokenMissing');
  if (server === 'helpdesk' && EXPORT_STEPS.has(step)) {
    const history = step as 'people' | 'cases' | 'messages';
    if (problem === 'forbidden') return phrase(`sync.notice.notAvailable.${history}`);
    if (problem === 'unreadable') return phrase(`sync.notice.partly.${history}`);
  }
  if (step === 'identity' && server === 'mail') return phrase('sync.notice.step.identityMail');
  if (isKnownStep(step)) return phrase(`sync.notice.step.${step}`);
  return phrase('sync.notice.step.unknown', { step });
}

/** What happens meanwhile. Passing trouble (a 5xx) only needs its retry time. */
function consequenceOf(notice: SyncNotice): NoticePhrase | null {
  const { step, problem } = notice;
  if (problem === 'unreachable') return phrase('sync.notice.then.offline');
  if (problem === 'disk-full') return phrase('sync.notice.then.diskFull');
  if (problem === 'secret-missing') return phrase('sync.notice.then.secretMissing');
  if (problem === 'rate-limited' || problem === 'server') return null;
  // Signed out: nothing of this account syncs, whatever the step.
  if (problem === 'auth') return phrase('sync.notice.then.auth');
  if (isKnownStep(step)) return phrase(`sync.notice.then.${step}`);
  return phrase('sync.notice.then.unknown');
}

/**
 * The words for one notice (`server`: whose words — a helpdesk's or a mailbox's mail server). The
 * retry time is left out when it has passed or is unknown (core is trying again now).
 */
export function wordNotice(notice: SyncNotice, server: ServerKind = 'helpdesk'): NoticeWording {
  const tone = notice.severity === 'error' ? 'error' : notice.severity === 'offline' ? 'offline' : 'warning';
  const reason = reasonOf(notice.problem, notice.step, server);
  return {
    tone,
    title: titleOf(notice, server),
    reason,
    status: reason ? statusSuffix(notice.status) : '',
    consequence: consequenceOf(notice),
    retry: notice.retryAt === null || notice.problem === 'auth' || notice.problem === 'secret-missing' ? null : { kind: notice.problem === 'rate-limited' ? 'at' : 'in', at: notice.retryAt },
  };
}

/**
 * Does the notice need the account's token or password entered again (lost from the keychain, or
 * refused by the server)? Then the agent is offered to enter it, where the notice is shown.
 */
export function needsSecrets(notice: Pick<SyncNotice, 'problem'>): boolean {
  return notice.problem === 'secret-missing' || notice.problem === 'auth';
}

/** The server kind of an account (`AccountView.kind`). */
export function serverKindOf(accountKind: string | undefined): ServerKind {
  return accountKind === 'email' ? 'mail' : 'helpdesk';
}

/** Minutes until a time, rounded up (at least 1), for "trying again in 5 min"; null once it has passed. */
export function minutesUntil(at: number, now: number): number | null {
  if (at <= now) return null;
  return Math.max(1, Math.ceil((at - now) / 60_000));
}
