import { z } from 'zod';
import { MAIL_SECURITY, type EmailAccountConfig, type EmailAccountInput } from '../../../../src-shared/contract/models';

// A mailbox account's settings as stored beside the account (accounts.config_json): servers,
// folders and who the agent is to the team. Never a password.

const serverSchema = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535), security: z.enum(MAIL_SECURITY), user: z.string().min(1) });
const storedConfigSchema = z.object({
  address: z.string().min(3),
  agentName: z.string().min(1),
  agentEmail: z.string().min(3),
  imap: serverSchema,
  smtp: serverSchema,
  inboxFolder: z.string().min(1),
  sentFolder: z.string().min(1),
  stateFolder: z.string().min(1),
});

/** The stored settings of a mail account; throws a readable error for a damaged row. */
export function readMailConfig(configJson: string | null): EmailAccountConfig {
  if (configJson === null) throw new Error('The mailbox settings are missing; remove the account and add it again.');
  const parsed = storedConfigSchema.safeParse(JSON.parse(configJson));
  if (!parsed.success) throw new Error(`The mailbox settings are damaged (${parsed.error.issues[0]?.path.join('.') ?? 'settings'}); remove the account and add it again.`);
  return parsed.data;
}

/** What goes into the database for a new mail account (the input minus secrets, defaults filled). */
export function mailConfigOf(input: EmailAccountInput): EmailAccountConfig {
  return {
    address: input.address.toLowerCase(),
    agentName: input.agentName.trim(),
    agentEmail: input.agentEmail.toLowerCase(),
    imap: { ...input.imap, host: input.imap.host.trim(), user: input.imap.user.trim() },
    smtp: { ...input.smtp, host: input.smtp.host.trim(), user: input.smtp.user.trim() },
    inboxFolder: input.inboxFolder?.trim() || 'INBOX',
    sentFolder: input.sentFolder?.trim() || 'Sent',
    stateFolder: input.stateFolder?.trim() || 'Shiftdesk',
  };
}

/**
 * The account's identity as a URL: `imap://host:port/user`. It keys the account (one row per
 * mailbox) and, through `helpdeskIdentity`, the mailbox's cases on the presence broker, so every
 * agent of the team names a case the same way.
 */
export function mailBaseUrl(config: Pick<EmailAccountConfig, 'imap'>): string {
  return `imap://${config.imap.host.toLowerCase()}:${config.imap.port}/${encodeURIComponent(config.imap.user.toLowerCase())}`;
}

/** The keychain entry of the SMTP password, when it differs from the IMAP one. */
export function smtpSecretKey(accountId: number): string {
  return `account:${accountId}:smtp-password`;
}

export interface MailSecrets {
  imapPassword: string;
  smtpPassword: string;
}
