import type { AccountProblem } from '../../../src-shared/contract/api';

// Why an account could not be tested or added, in the agent's words: core sends a problem code
// (`accounts:test` → `problem`, `accounts:add` → the error's `code`) and the technical text; the
// words depend on the kind of account (a helpdesk's e-mail and API token, a mailbox's password).

const PROBLEMS: readonly AccountProblem[] = ['auth', 'forbidden', 'not-found', 'refused', 'unreadable', 'unreachable', 'server', 'rate-limited', 'disk-full', 'other', 'not-agent', 'duplicate'];

export function isAccountProblem(value: unknown): value is AccountProblem {
  return typeof value === 'string' && (PROBLEMS as readonly string[]).includes(value);
}

export type AccountProblemKey =
  | 'settings.problem.auth'
  | 'settings.problem.authMail'
  | 'settings.problem.notAgent'
  | 'settings.problem.duplicate'
  | 'settings.problem.unreachable'
  | 'settings.problem.unreachableMail'
  | 'settings.problem.forbidden'
  | 'settings.problem.notFound'
  | 'settings.problem.notFoundMail'
  | 'settings.problem.refused'
  | 'settings.problem.refusedMail'
  | 'settings.problem.server'
  | 'settings.problem.serverMail'
  | 'settings.problem.unreadable'
  | 'settings.problem.unreadableMail'
  | 'settings.problem.rateLimited'
  | 'settings.problem.diskFull'
  | 'settings.problem.other';

/** The message key for a problem (`undefined` or an unknown code: the generic words). */
export function accountProblemKey(problem: string | undefined, accountKind: 'zendesk' | 'email'): AccountProblemKey {
  const mail = accountKind === 'email';
  if (!isAccountProblem(problem)) return 'settings.problem.other';
  switch (problem) {
    case 'auth':
      return mail ? 'settings.problem.authMail' : 'settings.problem.auth';
    case 'not-agent':
      return 'settings.problem.notAgent';
    case 'duplicate':
      return 'settings.problem.duplicate';
    case 'unreachable':
      return mail ? 'settings.problem.unreachableMail' : 'settings.problem.unreachable';
    case 'forbidden':
      return mail ? 'settings.problem.refusedMail' : 'settings.problem.forbidden';
    case 'not-found':
      return mail ? 'settings.problem.notFoundMail' : 'settings.problem.notFound';
    case 'refused':
      return mail ? 'settings.problem.refusedMail' : 'settings.problem.refused';
    case 'server':
      return mail ? 'settings.problem.serverMail' : 'settings.problem.server';
    case 'unreadable':
      return mail ? 'settings.problem.unreadableMail' : 'settings.problem.unreadable';
    case 'rate-limited':
      return 'settings.problem.rateLimited';
    case 'disk-full':
      return 'settings.problem.diskFull';
    default:
      return 'settings.problem.other';
  }
}

/**
 * The HTTP status to show with a problem: the one core gave, else the one the problem always comes
 * with (an `AccountRefusedError` carries the code, not the status).
 */
export function problemStatus(problem: string | undefined, status: number | null | undefined): number | null {
  if (typeof status === 'number') return status;
  switch (problem) {
    case 'auth':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'rate-limited':
      return 429;
    default:
      return null;
  }
}
