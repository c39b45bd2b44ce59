import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailAccountConfig } from '../../../../src-shared/contract/models';
import { AuthError, MailRefusedError, MailUnavailableError } from '../../net/errors';

// Replies leave through SMTP (nodemailer). The message is built once, as bytes: the same bytes go
// to the customer and into the Sent folder, so both carry the same Message-ID and headers.

export interface OutgoingReply {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  subject: string;
  messageId: string;
  inReplyTo: string;
  references: string[];
  text: string;
  /** The agent who wrote it (X-Shiftdesk-Agent), so every workstation shows who answered. */
  agentEmail: string;
  actionId: string;
  date: Date;
}

/** The reply as RFC 5322 bytes. */
export async function composeReply(reply: OutgoingReply): Promise<Buffer> {
  const composer = new MailComposer({
    from: reply.from,
    to: reply.to,
    ...(reply.cc.length > 0 ? { cc: reply.cc } : {}),
    subject: reply.subject,
    messageId: `<${reply.messageId}>`,
    inReplyTo: `<${reply.inReplyTo}>`,
    references: reply.references.map((id) => `<${id}>`).join(' '),
    date: reply.date,
    text: reply.text,
    headers: { 'X-Shiftdesk-Agent': reply.agentEmail, 'X-Shiftdesk-Action': reply.actionId },
  });
  return await composer.compile().build();
}

export function smtpTransport(config: Pick<EmailAccountConfig, 'smtp'>, password: string) {
  return nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.security === 'tls',
    requireTLS: config.smtp.security === 'starttls',
    ignoreTLS: config.smtp.security === 'none',
    auth: { user: config.smtp.user, pass: password },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** An SMTP failure as the outbox understands it: 4xx and lost connections pass, 5xx do not. */
export function smtpError(error: unknown): Error {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') return new AuthError(`The SMTP server refused the user name or password (${detail})`);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new MailRefusedError(`The SMTP server refused the reply: ${detail}`, e.responseCode);
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return new MailUnavailableError(`The SMTP server deferred the reply: ${detail}`, e.responseCode);
  if (e.code === 'EENVELOPE') return new MailRefusedError(`The reply has no valid recipient: ${detail}`, 550);
  return new MailUnavailableError(`Could not reach the SMTP server: ${detail}`, null);
}
