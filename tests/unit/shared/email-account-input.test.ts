import { describe, expect, it } from 'vitest';
import { accountInputSchema, emailAccountInputSchema } from '../../../src-shared/contract/models';

const valid = {
  kind: 'email',
  address: 'support@acme.example',
  agentName: 'Maya Rodriguez',
  agentEmail: 'maya@acme.example',
  imap: { host: 'imap.acme.example', port: 993, security: 'tls', user: 'support@acme.example' },
  smtp: { host: 'smtp.acme.example', port: 465, security: 'tls', user: 'support@acme.example' },
  password: 'hunter2',
} as const;

describe('the mailbox account input (validated where it enters core)', () => {
  it('takes a mailbox and fills the default folders', () => {
    expect(emailAccountInputSchema.parse(valid)).toMatchObject({ inboxFolder: 'INBOX', sentFolder: 'Sent', stateFolder: 'Shiftdesk' });
    // The union picks the mailbox shape by kind, and still takes a helpdesk.
    expect(accountInputSchema.parse(valid).kind).toBe('email');
    expect(accountInputSchema.parse({ kind: 'zendesk', baseUrl: 'https://acme.zendesk.example', email: 'a@acme.example', token: 't' }).kind).toBe('zendesk');
    expect(emailAccountInputSchema.parse({ ...valid, imap: { ...valid.imap, host: '[::1]' } }).imap.host).toBe('[::1]');
  });

  it.each([
    ['a host with a path or scheme', { imap: { ...valid.imap, host: 'imap://evil.example/x' } }, 'imap.host'],
    ['a port out of range', { smtp: { ...valid.smtp, port: 70_000 } }, 'smtp.port'],
    ['an unknown security', { imap: { ...valid.imap, security: 'ssl' } }, 'imap.security'],
    ['no password', { password: '' }, 'password'],
    ['a folder with a wildcard', { sentFolder: 'Sent*' }, 'sentFolder'],
    ['a folder with a control character', { stateFolder: 'Ship\u0000desk' }, 'stateFolder'],
    ['an agent e-mail that is not one', { agentEmail: 'maya' }, 'agentEmail'],
    ['an unknown field', { token: 'x' }, ''],
  ])('refuses %s', (_what, change, path) => {
    const parsed = accountInputSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    if (path !== '') expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
