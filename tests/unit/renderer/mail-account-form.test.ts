import { describe, expect, it } from 'vitest';
import { emailAccountInputSchema } from '../../../src-shared/contract/models';
import {
  checkMailForm,
  fieldOfPath,
  initialMailForm,
  mailAccountInput,
  shownImapUser,
  shownSmtpHost,
  shownSmtpUser,
  suggestedPort,
  withSecurity,
  type MailAccountForm,
} from '../../../src-renderer/features/settings/mail-account-form';

const FILLED: MailAccountForm = {
  ...initialMailForm(),
  address: ' support@shop.example ',
  agentName: ' Ana Lima ',
  agentEmail: 'ana@shop.example',
  imapHost: ' mail.shop.example ',
  password: ' secret ',
};

describe('the mailbox form as it opens', () => {
  it('starts on implicit TLS with the usual ports and folders', () => {
    const form = initialMailForm();
    expect(form).toMatchObject({ imapPort: '993', imapSecurity: 'tls', smtpPort: '465', smtpSecurity: 'tls' });
    expect(form).toMatchObject({ inboxFolder: 'INBOX', sentFolder: 'Sent', stateFolder: 'Shiftdesk' });
    expect(form.imapUser).toBeNull();
    expect(form.smtpHost).toBeNull();
    expect(form.smtpUser).toBeNull();
  });
});

describe('fields that follow others until edited', () => {
  it('IMAP user follows the support address; SMTP server and user follow the IMAP ones', () => {
    expect(shownImapUser(FILLED)).toBe('support@shop.example');
    expect(shownSmtpHost(FILLED)).toBe('mail.shop.example');
    expect(shownSmtpUser(FILLED)).toBe('support@shop.example');
    const ownImapUser = { ...FILLED, imapUser: 'box1' };
    expect(shownSmtpUser(ownImapUser)).toBe('box1');
  });

  it('an edited field keeps its own value, even an emptied one', () => {
    const form = { ...FILLED, imapUser: '', smtpHost: 'smtp.shop.example', smtpUser: 'relay' };
    expect(shownImapUser(form)).toBe('');
    expect(shownSmtpHost(form)).toBe('smtp.shop.example');
    expect(shownSmtpUser(form)).toBe('relay');
  });
});

describe('ports a change of security suggests', () => {
  it('moves a usual port to the usual one for the new security', () => {
    expect(suggestedPort('imap', '993', 'starttls')).toBe('143');
    expect(suggestedPort('imap', '993', 'none')).toBe('143');
    expect(suggestedPort('imap', '143', 'tls')).toBe('993');
    expect(suggestedPort('smtp', '465', 'starttls')).toBe('587');
    expect(suggestedPort('smtp', '465', 'none')).toBe('587');
    expect(suggestedPort('smtp', '587', 'tls')).toBe('465');
    expect(suggestedPort('smtp', '25', 'tls')).toBe('465');
    expect(suggestedPort('smtp', '', 'starttls')).toBe('587');
  });

  it('keeps a port the agent chose', () => {
    expect(suggestedPort('imap', '1143', 'starttls')).toBe('1143');
    expect(suggestedPort('smtp', '2525', 'tls')).toBe('2525');
  });

  it('changes only the server whose security changed', () => {
    const form = withSecurity(initialMailForm(), 'smtp', 'starttls');
    expect(form).toMatchObject({ smtpSecurity: 'starttls', smtpPort: '587', imapSecurity: 'tls', imapPort: '993' });
    expect(withSecurity(form, 'imap', 'none')).toMatchObject({ imapSecurity: 'none', imapPort: '143', smtpPort: '587' });
  });
});

describe('what Add and Test send', () => {
  it('trims text, keeps passwords as typed and fills the following fields', () => {
    expect(mailAccountInput(FILLED)).toEqual({
      kind: 'email',
      address: 'support@shop.example',
      agentName: 'Ana Lima',
      agentEmail: 'ana@shop.example',
      imap: { host: 'mail.shop.example', port: 993, security: 'tls', user: 'support@shop.example' },
      smtp: { host: 'mail.shop.example', port: 465, security: 'tls', user: 'support@shop.example' },
      password: ' secret ',
      inboxFolder: 'INBOX',
      sentFolder: 'Sent',
      stateFolder: 'Shiftdesk',
    });
  });

  it('leaves out an empty name and SMTP password, and empty folders (their defaults apply)', () => {
    const input = mailAccountInput({ ...FILLED, name: '  ', smtpPassword: '', inboxFolder: ' ', stateFolder: '' });
    expect('name' in input).toBe(false);
    expect('smtpPassword' in input).toBe(false);
    expect('inboxFolder' in input).toBe(false);
    expect('stateFolder' in input).toBe(false);
    const check = checkMailForm({ ...FILLED, inboxFolder: ' ', stateFolder: '' });
    expect(check.ok && check.input).toMatchObject({ inboxFolder: 'INBOX', stateFolder: 'Shiftdesk' });
  });

  it('sends a name, an SMTP password and own SMTP settings when given', () => {
    const input = mailAccountInput({ ...FILLED, name: ' Support ', smtpPassword: 'other', smtpHost: 'smtp.shop.example', smtpUser: 'relay', smtpPort: '587', smtpSecurity: 'starttls' });
    expect(input).toMatchObject({ name: 'Support', smtpPassword: 'other', smtp: { host: 'smtp.shop.example', port: 587, security: 'starttls', user: 'relay' } });
  });

  it('a filled form passes the contract schema', () => {
    const check = checkMailForm(FILLED);
    expect(check.ok).toBe(true);
    if (check.ok) expect(emailAccountInputSchema.safeParse(check.input).success).toBe(true);
  });
});

describe('problems, field by field', () => {
  it('names each field with a problem, in form order', () => {
    const check = checkMailForm({ ...initialMailForm(), address: 'not an address', imapPort: 'abc', smtpPort: '70000' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    // The users follow the (wrong but not empty) address: only the address is named.
    expect(check.problems.map((p) => p.field)).toEqual(['address', 'agentName', 'agentEmail', 'imapHost', 'imapPort', 'smtpHost', 'smtpPort', 'password']);
    expect(check.problems.find((p) => p.field === 'imapPort')?.kind).toBe('port');
    expect(check.problems.find((p) => p.field === 'smtpPort')?.kind).toBe('port');
    expect(check.problems.find((p) => p.field === 'address')?.kind).toBe('schema');
  });

  it('names empty users when there is nothing for them to follow', () => {
    const check = checkMailForm({ ...FILLED, address: '' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.map((p) => p.field)).toEqual(['address', 'imapUser', 'smtpUser']);
  });

  it('refuses a host with a space and a folder with a wildcard', () => {
    const check = checkMailForm({ ...FILLED, imapHost: 'mail shop', stateFolder: 'Ship*' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.map((p) => p.field)).toEqual(['imapHost', 'smtpHost', 'stateFolder']);
  });

  it('maps schema paths to fields', () => {
    expect(fieldOfPath(['imap', 'host'])).toBe('imapHost');
    expect(fieldOfPath(['smtp', 'user'])).toBe('smtpUser');
    expect(fieldOfPath(['address'])).toBe('address');
    expect(fieldOfPath(['kind'])).toBeNull();
    expect(fieldOfPath([])).toBeNull();
  });
});
