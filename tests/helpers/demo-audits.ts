import type { DemoServer } from '../../src-main/demo/index';

/** Every action id recorded in a ticket's audits (metadata.custom.shiftdesk_action_id), oldest first. */
export async function actionIdsInAudits(demo: DemoServer, ticketId: string | number): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `${demo.url}/api/v2/tickets/${ticketId}/audits.json?page[size]=100`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: demo.authHeader() } });
    const body = (await response.json()) as { audits: { metadata?: { custom?: Record<string, unknown> } }[]; meta?: { has_more: boolean }; links?: { next?: string | null } };
    for (const audit of body.audits) {
      const id = audit.metadata?.custom?.shiftdesk_action_id;
      if (typeof id === 'string') ids.push(id);
    }
    url = body.meta?.has_more ? (body.links?.next ?? null) : null;
  }
  return ids;
}
