import { ImapFlow } from 'imapflow';
import type { EmailAccountConfig } from '../../../../src-shared/contract/models';
import { imapError, imapOptions } from './imap-session';
import type { MailSecrets } from './mail-config';
import { smtpError, smtpTransport } from './smtp-sender';

/**
 * "Test connection" for a mailbox: logs in to IMAP, checks the folders, and checks that the SMTP
 * server takes the login. Returns a sentence for the agent, or null when everything works.
 */
export async function testMailbox(config: EmailAccountConfig, secrets: MailSecrets): Promise<string | null> {
  const client = new ImapFlow(imapOptions(config, secrets.imapPassword, { disableAutoIdle: true, connectionTimeout: 10_000, greetingTimeout: 10_000 }));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const folders = await client.list();
    const paths = new Set(folders.map((f) => f.path));
    for (const [label, folder] of [
      ['inbox', config.inboxFolder],
      ['sent', config.sentFolder],
    ] as const) {
      if (folder.toUpperCase() === 'INBOX' || paths.has(folder)) continue;
      const special = folders.find((f) => f.specialUse === (label === 'sent' ? '\\Sent' : '\\Inbox'));
      return `The ${label} folder "${folder}" does not exist in this mailbox${special ? `; the server's ${label} folder is "${special.path}"` : ''}.`;
    }
    if (!client.capabilities.has('IDLE')) {
      // Still usable: new mail is polled for instead of pushed.
    }
  } catch (error) {
    return `IMAP: ${imapError(error, `Could not sign in to ${config.imap.host}:${config.imap.port}`).message}`;
  } finally {
    await client.logout().catch(() => client.close());
  }
  const transport = smtpTransport(config, secrets.smtpPassword);
  try {
    await transport.verify();
  } catch (error) {
    return `SMTP: ${smtpError(error).message}`;
  } finally {
    transport.close();
  }
  return null;
}
