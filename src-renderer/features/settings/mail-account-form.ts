import { emailAccountInputSchema, type EmailAccountInput, type MailSecurity } from '../../../src-shared/contract/models';

// The mailbox form's rules, kept apart from React so they can be tested on their own: the defaults,
// the fields that follow others until edited, the port a change of security suggests, and what the
// form sends (checked by the contract's own schema, so the problems match what core would say).

export type MailProtocol = 'imap' | 'smtp';

/** The usual port for each protocol and security: implicit TLS 993/465, STARTTLS (or none) 143/587. */
export const DEFAULT_PORTS: Record<MailProtocol, Record<MailSecurity, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

/** Ports the agent has not chosen: a security change may replace them. */
const WELL_KNOWN_PORTS: Record<MailProtocol, readonly string[]> = {
  imap: ['993', '143'],
  smtp: ['465', '587', '25'],
};

export const DEFAULT_FOLDERS = { inboxFolder: 'INBOX', sentFolder: 'Sent', stateFolder: 'Shiftdesk' } as const;

/**
 * What the agent typed. `imapUser`, `smtpHost` and `smtpUser` are null while they follow another
 * field (the support address, the IMAP server, the IMAP user); typing in them (even emptying them)
 * makes them the agent's own.
 */
export interface MailAccountForm {
  address: string;
  agentName: string;
  agentEmail: string;
  name: string;
  imapHost: string;
  imapPort: string;
  imapSecurity: MailSecurity;
  imapUser: string | null;
  smtpHost: string | null;
  smtpPort: string;
  smtpSecurity: MailSecurity;
  smtpUser: string | null;
  password: string;
  smtpPassword: string;
  inboxFolder: string;
  sentFolder: string;
  stateFolder: string;
}

export function initialMailForm(): MailAccountForm {
  return {
    address: '',
    agentName: '',
    agentEmail: '',
    name: '',
    imapHost: '',
    imapPort: String(DEFAULT_PORTS.imap.tls),
    imapSecurity: 'tls',
    imapUser: null,
    smtpHost: null,
    smtpPort: String(DEFAULT_PORTS.smtp.tls),
    smtpSecurity: 'tls',
    smtpUser: null,
    password: '',
    smtpPassword: '',
    ...DEFAULT_FOLDERS,
  };
}

/** What the following fields show: their own value once edited, else the one they follow. */
export function shownImapUser(form: MailAccountForm): string {
  return form.imapUser ?? form.address.trim();
}
export function shownSmtpHost(form: MailAccountForm): string {
  return form.smtpHost ?? form.imapHost.trim();
}
export function shownSmtpUser(form: MailAccountForm): string {
  return form.smtpUser ?? shownImapUser(form);
}

/**
 * The port after a change of security: the usual one for the new security while the port is still
 * one of the usual ones (or empty); a port the agent chose stays.
 */
export function suggestedPort(protocol: MailProtocol, port: string, security: MailSecurity): string {
  const current = port.trim();
  return current === '' || WELL_KNOWN_PORTS[protocol].includes(current) ? String(DEFAULT_PORTS[protocol][security]) : port;
}

/** The form after choosing a security for one server (its port follows, see `suggestedPort`). */
export function withSecurity(form: MailAccountForm, protocol: MailProtocol, security: MailSecurity): MailAccountForm {
  return protocol === 'imap'
    ? { ...form, imapSecurity: security, imapPort: suggestedPort('imap', form.imapPort, security) }
    : { ...form, smtpSecurity: security, smtpPort: suggestedPort('smtp', form.smtpPort, security) };
}

/** Digits only; anything else is not a port (NaN, which the schema refuses). */
function port(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * What Add (and Test) send, before checking: text trimmed (passwords as typed), an empty name or
 * SMTP password left out, an empty folder left to its default.
 */
export function mailAccountInput(form: MailAccountForm): EmailAccountInput {
  const input: EmailAccountInput = {
    kind: 'email',
    address: form.address.trim(),
    agentName: form.agentName.trim(),
    agentEmail: form.agentEmail.trim(),
    imap: { host: form.imapHost.trim(), port: port(form.imapPort), security: form.imapSecurity, user: shownImapUser(form).trim() },
    smtp: { host: shownSmtpHost(form).trim(), port: port(form.smtpPort), security: form.smtpSecurity, user: shownSmtpUser(form).trim() },
    password: form.password,
  };
  if (form.name.trim() !== '') input.name = form.name.trim();
  if (form.smtpPassword !== '') input.smtpPassword = form.smtpPassword;
  for (const folder of ['inboxFolder', 'sentFolder', 'stateFolder'] as const) {
    if (form[folder].trim() !== '') input[folder] = form[folder].trim();
  }
  return input;
}

/** The form's fields, as the problems name them (one input each). */
export const MAIL_FIELDS = [
  'address',
  'agentName',
  'agentEmail',
  'name',
  'imapHost',
  'imapPort',
  'imapSecurity',
  'imapUser',
  'smtpHost',
  'smtpPort',
  'smtpSecurity',
  'smtpUser',
  'password',
  'smtpPassword',
  'inboxFolder',
  'sentFolder',
  'stateFolder',
] as const;
export type MailField = (typeof MAIL_FIELDS)[number];

export interface MailFieldProblem {
  field: MailField;
  /** `port`: not a port number (1…65535); `schema`: the contract's own words in `message`. */
  kind: 'port' | 'schema';
  message: string;
}

export type MailFormCheck = { ok: true; input: EmailAccountInput } | { ok: false; problems: MailFieldProblem[] };

/** A schema issue's path (`['imap', 'host']`) as the field it is about (`imapHost`). */
export function fieldOfPath(path: readonly PropertyKey[]): MailField | null {
  const [head, tail] = path.map(String);
  const name = head === 'imap' || head === 'smtp' ? `${head}${(tail ?? '').charAt(0).toUpperCase()}${(tail ?? '').slice(1)}` : head;
  return (MAIL_FIELDS as readonly string[]).includes(name ?? '') ? (name as MailField) : null;
}

/** Checks the form with the contract's schema: the input to send, or one problem per field, in form order. */
export function checkMailForm(form: MailAccountForm): MailFormCheck {
  const input = mailAccountInput(form);
  const parsed = emailAccountInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  const byField = new Map<MailField, MailFieldProblem>();
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    if (!field || byField.has(field)) continue;
    const isPort = field === 'imapPort' || field === 'smtpPort';
    byField.set(field, { field, kind: isPort ? 'port' : 'schema', message: issue.message });
  }
  if (byField.size === 0) {
    // Not about a field we show (cannot happen with this form): still refuse, naming the support address.
    return { ok: false, problems: [{ field: 'address', kind: 'schema', message: parsed.error.issues[0]?.message ?? '' }] };
  }
  return { ok: false, problems: MAIL_FIELDS.flatMap((field) => byField.get(field) ?? []) };
}
