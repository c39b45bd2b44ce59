// An e-mail whose HTML part shows nothing: Outlook-style markup whose only words sit in a
// conditional comment, a <style> block and an empty paragraph, while the plain-text part carries
// the message. Zendesk keeps both (`html_body` and `body`/`plain_body`); a client that shows the
// HTML alone shows an empty box. Clients must fall back to the text.
import { COMMENT_BY_AGENT, COMMENT_EMPTY_HTML, COMMENT_HOSTILE, COMMENT_PUBLIC, COMMENT_RICH_HTML } from './comment-flags';
import type { ThreadTables } from './threads';
import type { TicketPlan } from './ticket-plan';

export function emptyHtmlBody(): string {
  return [
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    '<style>p.MsoNormal{margin:0cm;font-size:11pt;font-family:Calibri,sans-serif}</style>',
    '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->',
    '</head><body lang="EN-US">',
    '<div class="WordSection1"><p class="MsoNormal">&nbsp;</p></div>',
    '</body></html>',
  ].join('\n');
}

/**
 * Marks one customer comment as an e-mail with empty HTML: in the first unsolved e-mail ticket of
 * the "me" agent (else of anyone) that is not special, its first customer reply after the opening
 * message (else the opening message). Chosen without the random streams, so the rest of the
 * dataset stays as it was. Returns the ticket id, or null when no ticket fits.
 */
export function markEmptyHtmlComment(plans: readonly TicketPlan[], tables: ThreadTables, meAgentId: number, special: ReadonlySet<number>): number | null {
  const candidates = plans.filter((p) => p.meta.channel === 'email' && !special.has(p.id) && tables.finalStatus[p.id - 1] !== 'solved' && tables.finalStatus[p.id - 1] !== 'closed');
  const ordered = [...candidates.filter((p) => p.assignee?.user.id === meAgentId), ...candidates.filter((p) => p.assignee?.user.id !== meAgentId)];
  for (const firstAllowed of [1, 0]) {
    for (const plan of ordered) {
      const start = tables.commentStart[plan.id - 1] as number;
      const end = tables.commentStart[plan.id] as number;
      for (let p = start + firstAllowed; p < end; p++) {
        const flags = tables.commentFlags[p] as number;
        const byCustomer = (flags & (COMMENT_BY_AGENT | COMMENT_PUBLIC)) === COMMENT_PUBLIC;
        if (!byCustomer || (flags & (COMMENT_HOSTILE | COMMENT_RICH_HTML)) !== 0) continue;
        tables.commentFlags[p] = flags | COMMENT_EMPTY_HTML;
        return plan.id;
      }
    }
  }
  return null;
}
