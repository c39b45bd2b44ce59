import type { EmailAccountInput } from '../../src-shared/contract/models';
import { SUPPORT_PASSWORD, SUPPORT_USER, type MailServer } from './dovecot';

/** The support mailbox of a test mail server as the Settings form would add it (plain IMAP/SMTP on loopback). */
export function mailAccountInput(server: MailServer, extra: Partial<EmailAccountInput> = {}): EmailAccountInput {
  return {
    kind: 'email',
    name: 'Support mailbox',
    address: SUPPORT_USER,
    agentName: 'Maya Rodriguez',
    agentEmail: 'maya@shiftdesk.test',
    imap: { host: server.imap.host, port: server.imap.port, security: 'none', user: SUPPORT_USER },
    smtp: { host: server.smtp.host, port: server.smtp.port, security: 'none', user: SUPPORT_USER },
    password: SUPPORT_PASSWORD,
    ...extra,
  };
}
