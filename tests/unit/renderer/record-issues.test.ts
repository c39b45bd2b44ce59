import { describe, expect, it } from 'vitest';
import type { RecordIssueView } from '../../../src-shared/contract/sync';
import { RECORD_KINDS, rawKindLabel, recordKindKey, splitRecordIssues } from '../../../src-renderer/features/sync/record-issues';
import { accountProblemKey, problemStatus } from '../../../src-renderer/features/settings/account-problem';
import { en } from '../../../src-renderer/i18n/en';
import { ko } from '../../../src-renderer/i18n/ko';

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

describe('record issue kinds', () => {
  it('names every kind core records, in English and Korean', () => {
    for (const kind of RECORD_KINDS) {
      const key = recordKindKey(kind);
      expect(key, kind).not.toBeNull();
      expect(typeof lookup(en, key!), `en ${key}`).toBe('string');
      expect(typeof lookup(ko, key!), `ko ${key}`).toBe('string');
    }
    expect(lookup(en, recordKindKey('ticket')!)).toBe('Ticket');
    expect(lookup(en, recordKindKey('ticket_event')!)).toBe('Ticket event');
    expect(lookup(ko, recordKindKey('comment')!)).toBe('댓글');
  });

  it('shows a kind it does not know as readable words', () => {
    expect(recordKindKey('ticket_field')).toBeNull();
    expect(rawKindLabel('ticket_field')).toBe('ticket field');
    expect(rawKindLabel('custom-object')).toBe('custom object');
  });

  it('splits the list into left out and stored with defaults, newest first', () => {
    const issue = (remoteId: string, issue: 'skipped' | 'mapped', lastSeenAt: number): RecordIssueView => ({ kind: 'ticket', remoteId, issue, detail: 'status: "escalated"', firstSeenAt: 0, lastSeenAt, occurrences: 1 });
    const { skipped, mapped } = splitRecordIssues([issue('1', 'mapped', 5), issue('2', 'skipped', 1), issue('3', 'skipped', 9), issue('4', 'mapped', 7)]);
    expect(skipped.map((i) => i.remoteId)).toEqual(['3', '2']);
    expect(mapped.map((i) => i.remoteId)).toEqual(['4', '1']);
  });
});

describe('why an account could not be added, in words', () => {
  it('words each problem for a helpdesk, with the status it comes with', () => {
    expect(accountProblemKey('auth', 'zendesk')).toBe('settings.problem.auth');
    expect(problemStatus('auth', undefined)).toBe(401);
    expect(accountProblemKey('not-agent', 'zendesk')).toBe('settings.problem.notAgent');
    expect(accountProblemKey('duplicate', 'zendesk')).toBe('settings.problem.duplicate');
    expect(accountProblemKey('unreachable', 'zendesk')).toBe('settings.problem.unreachable');
    expect(accountProblemKey('forbidden', 'zendesk')).toBe('settings.problem.forbidden');
    expect(accountProblemKey('server', 'zendesk')).toBe('settings.problem.server');
    expect(accountProblemKey('unreadable', 'zendesk')).toBe('settings.problem.unreadable');
    expect(problemStatus('server', 502)).toBe(502);
    expect(problemStatus('server', null)).toBeNull();
  });

  it('words a mailbox’s problems as the mail server’s', () => {
    expect(accountProblemKey('auth', 'email')).toBe('settings.problem.authMail');
    expect(accountProblemKey('unreachable', 'email')).toBe('settings.problem.unreachableMail');
    expect(accountProblemKey('not-found', 'email')).toBe('settings.problem.notFoundMail');
  });

  it('falls back to generic words for an unknown or missing code', () => {
    expect(accountProblemKey(undefined, 'zendesk')).toBe('settings.problem.other');
    expect(accountProblemKey('exploded', 'email')).toBe('settings.problem.other');
    expect(accountProblemKey('other', 'zendesk')).toBe('settings.problem.other');
  });

  it('has every key in English and Korean', () => {
    const codes = ['auth', 'forbidden', 'not-found', 'refused', 'unreadable', 'unreachable', 'server', 'rate-limited', 'disk-full', 'other', 'not-agent', 'duplicate', undefined];
    for (const kind of ['zendesk', 'email'] as const) {
      for (const code of codes) {
        const key = accountProblemKey(code, kind);
        expect(typeof lookup(en, key), `en ${key}`).toBe('string');
        expect(typeof lookup(ko, key), `ko ${key}`).toBe('string');
      }
    }
  });
});
