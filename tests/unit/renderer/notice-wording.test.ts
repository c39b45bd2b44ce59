import { describe, expect, it } from 'vitest';
import type { SyncNotice, SyncProblem } from '../../../src-shared/contract/sync';
import { KNOWN_STEPS, minutesUntil, needsSecrets, statusSuffix, wordNotice, type NoticeWording } from '../../../src-renderer/features/sync/notice-wording';
import { en } from '../../../src-renderer/i18n/en';
import { ko } from '../../../src-renderer/i18n/ko';

const NOW = Date.UTC(2026, 2, 3, 12, 0);
const PROBLEMS: SyncProblem[] = ['auth', 'forbidden', 'not-found', 'refused', 'unreadable', 'unreachable', 'server', 'rate-limited', 'disk-full', 'secret-missing', 'other'];

function notice(step: string, problem: SyncProblem, overrides: Partial<SyncNotice> = {}): SyncNotice {
  const severity = problem === 'unreachable' ? 'offline' : problem === 'server' || problem === 'rate-limited' ? 'transient' : 'error';
  return { step, problem, status: null, severity, detail: `${step}: technical text`, since: NOW - 60_000, retryAt: NOW + 5 * 60_000, ...overrides };
}

/** The string at a dotted key in a message tree (undefined when missing). */
function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

function keysOf(w: NoticeWording): string[] {
  return [w.title, w.reason, w.consequence].flatMap((p) => (p ? [p.key] : []));
}

describe('a sync notice in the agent’s words', () => {
  it('words a directory step the helpdesk refuses: what, why with the status, what happens meanwhile', () => {
    const w = wordNotice(notice('agents', 'forbidden', { status: 403 }));
    expect(w).toEqual({
      tone: 'error',
      title: { key: 'sync.notice.step.agents', params: {} },
      reason: { key: 'sync.notice.reason.forbidden', params: {} },
      status: ' (403)',
      consequence: { key: 'sync.notice.then.agents', params: {} },
      retry: { kind: 'in', at: NOW + 5 * 60_000 },
    });
  });

  it('says the ticket history is for admins when an export is refused', () => {
    const w = wordNotice(notice('cases', 'forbidden', { status: 403 }));
    expect(w.title.key).toBe('sync.notice.notAvailable.cases');
    expect(w.reason?.key).toBe('sync.notice.reason.exportsAdminOnly');
    expect(w.consequence?.key).toBe('sync.notice.then.cases');
    expect(wordNotice(notice('messages', 'forbidden', { status: 403 })).title.key).toBe('sync.notice.notAvailable.messages');
    expect(wordNotice(notice('people', 'forbidden', { status: 403 })).title.key).toBe('sync.notice.notAvailable.people');
  });

  it('says part of the history could not be read when a page is unreadable, and when it is tried again', () => {
    const w = wordNotice(notice('cases', 'unreadable'));
    expect(w.title.key).toBe('sync.notice.partly.cases');
    expect(w.reason?.key).toBe('sync.notice.reason.unreadable');
    expect(w.status).toBe('');
    expect(w.retry).toEqual({ kind: 'in', at: NOW + 5 * 60_000 });
    expect(w.tone).toBe('error');
  });

  it('keeps SLA clocks going on this computer’s policies when the policies cannot be read', () => {
    const w = wordNotice(notice('sla-policies', 'forbidden', { status: 403 }));
    expect(w.title.key).toBe('sync.notice.step.sla-policies');
    expect(w.consequence?.key).toBe('sync.notice.then.sla-policies');
  });

  it('gives a rate limit the time sync continues, calmly', () => {
    const w = wordNotice(notice('cases', 'rate-limited', { status: 429, retryAt: NOW + 4 * 60_000 }));
    expect(w.tone).toBe('warning');
    expect(w.title.key).toBe('sync.notice.title.rateLimited');
    expect(w.reason).toBeNull();
    expect(w.status).toBe('');
    expect(w.consequence).toBeNull();
    expect(w.retry).toEqual({ kind: 'at', at: NOW + 4 * 60_000 });
  });

  it('words a helpdesk error (5xx) as passing: the step, the error with its status, the retry', () => {
    const w = wordNotice(notice('open-queue', 'server', { status: 503, retryAt: NOW + 30_000 }));
    expect(w.tone).toBe('warning');
    expect(w.title.key).toBe('sync.notice.step.open-queue');
    expect(w.reason?.key).toBe('sync.notice.reason.server');
    expect(w.status).toBe(' (503)');
    expect(w.consequence).toBeNull();
    expect(w.retry?.kind).toBe('in');
  });

  it('words the network as offline, and a full disk as such', () => {
    const offline = wordNotice(notice('cases', 'unreachable', { retryAt: null }));
    expect(offline).toMatchObject({ tone: 'offline', title: { key: 'sync.notice.title.unreachable' }, reason: null, consequence: { key: 'sync.notice.then.offline' }, retry: null });
    const disk = wordNotice(notice('messages', 'disk-full'));
    expect(disk).toMatchObject({ tone: 'error', title: { key: 'sync.notice.title.diskFull' }, reason: null, consequence: { key: 'sync.notice.then.diskFull' } });
  });

  it('words a refused token on any step as signed out, with no retry time', () => {
    const w = wordNotice(notice('identity', 'auth', { status: 401 }));
    expect(w.title.key).toBe('sync.notice.step.identity');
    expect(w.reason?.key).toBe('sync.notice.reason.auth');
    expect(w.status).toBe(' (401)');
    expect(w.consequence?.key).toBe('sync.notice.then.auth');
    expect(w.retry).toBeNull();
  });

  it('words a token or password missing from the keychain as such, for a helpdesk and a mailbox, with no retry time', () => {
    const w = wordNotice(notice('identity', 'secret-missing', { retryAt: null }));
    expect(w).toEqual({ tone: 'error', title: { key: 'sync.notice.title.tokenMissing', params: {} }, reason: null, status: '', consequence: { key: 'sync.notice.then.secretMissing', params: {} }, retry: null });
    expect(wordNotice(notice('identity', 'secret-missing'), 'mail').title.key).toBe('sync.notice.title.passwordMissing');
    // Entering the secret again is offered for a missing one and for one the server refused, not for other trouble.
    expect(needsSecrets(notice('identity', 'secret-missing'))).toBe(true);
    expect(needsSecrets(notice('identity', 'auth'))).toBe(true);
    expect(PROBLEMS.filter((p) => needsSecrets(notice('identity', p)))).toEqual(['auth', 'secret-missing']);
  });

  it('words not-found, refused and other problems with the step’s own consequence', () => {
    expect(keysOf(wordNotice(notice('macros', 'not-found', { status: 404 })))).toEqual(['sync.notice.step.macros', 'sync.notice.reason.notFound', 'sync.notice.then.macros']);
    expect(keysOf(wordNotice(notice('refresh', 'not-found', { status: 404 })))).toEqual(['sync.notice.step.refresh', 'sync.notice.reason.notFound', 'sync.notice.then.refresh']);
    expect(keysOf(wordNotice(notice('groups', 'refused', { status: 422 })))).toEqual(['sync.notice.step.groups', 'sync.notice.reason.refused', 'sync.notice.then.groups']);
    expect(keysOf(wordNotice(notice('threads', 'other')))).toEqual(['sync.notice.step.threads', 'sync.notice.reason.other', 'sync.notice.then.threads']);
  });

  it('gives a step it does not know a generic wording that names the step', () => {
    const w = wordNotice(notice('ticket-fields', 'forbidden', { status: 403 }));
    expect(w.title).toEqual({ key: 'sync.notice.step.unknown', params: { step: 'ticket-fields' } });
    expect(w.reason?.key).toBe('sync.notice.reason.forbidden');
    expect(w.consequence?.key).toBe('sync.notice.then.unknown');
  });

  it('speaks of the mail server and the mailbox for a mailbox account', () => {
    expect(wordNotice(notice('identity', 'auth'), 'mail')).toMatchObject({ title: { key: 'sync.notice.step.identityMail' }, reason: { key: 'sync.notice.reasonMail.auth' } });
    expect(wordNotice(notice('inbox', 'unreachable'), 'mail').title.key).toBe('sync.notice.title.unreachableMail');
    expect(wordNotice(notice('state', 'not-found'), 'mail')).toMatchObject({ title: { key: 'sync.notice.step.state' }, reason: { key: 'sync.notice.reasonMail.notFound' } });
    // A mailbox has no exports: a refused inbox is not "for admins only".
    expect(wordNotice(notice('cases', 'forbidden'), 'mail').reason?.key).toBe('sync.notice.reasonMail.refused');
  });

  it('has every key it can pick in English and Korean, for every step and problem', () => {
    const steps = [...KNOWN_STEPS, 'something-new'];
    for (const server of ['helpdesk', 'mail'] as const) {
      for (const step of steps) {
        for (const problem of PROBLEMS) {
          const w = wordNotice(notice(step, problem, { status: 403 }), server);
          for (const key of keysOf(w)) {
            expect(typeof lookup(en, key), `en ${key}`).toBe('string');
            expect(typeof lookup(ko, key), `ko ${key}`).toBe('string');
          }
        }
      }
    }
  });

  it('never leaves the technical text in the words', () => {
    for (const problem of PROBLEMS) {
      const w = wordNotice(notice('cases', problem, { detail: 'cases: tickets.6.status: Invalid option' }));
      expect(JSON.stringify(w)).not.toContain('Invalid option');
    }
  });
});

describe('times and statuses in the words', () => {
  it('puts the status in brackets, or nothing without one', () => {
    expect(statusSuffix(403)).toBe(' (403)');
    expect(statusSuffix(null)).toBe('');
  });

  it('counts minutes until a retry up, at least one, none once it has passed', () => {
    expect(minutesUntil(NOW + 5 * 60_000, NOW)).toBe(5);
    expect(minutesUntil(NOW + 4 * 60_000 + 1, NOW)).toBe(5);
    expect(minutesUntil(NOW + 10_000, NOW)).toBe(1);
    expect(minutesUntil(NOW, NOW)).toBeNull();
    expect(minutesUntil(NOW - 1, NOW)).toBeNull();
  });

  it('has no retry when core gives no time', () => {
    expect(wordNotice(notice('agents', 'forbidden', { retryAt: null })).retry).toBeNull();
  });
});
