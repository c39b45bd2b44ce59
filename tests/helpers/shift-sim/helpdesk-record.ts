// The helpdesk's own record, read as a client reads it (the audits API, the ticket, the SLA
// policies and business hours), for checking the simulation's invariants against it.
import { viaTypeOf, type DemoServer, type TicketAudit } from '../../../src-main/demo/index';
import { toAudit } from '../../../src-main/demo/api/audit-format';
import type { AuditRecord } from '../../../src-main/demo/dataset/types';

export interface RecordedComment {
  id: string;
  authorId: number;
  public: boolean;
  at: number;
}

export interface RecordedAudit {
  id: number;
  at: number;
  authorId: number;
  /** The Shiftdesk action this audit is (metadata.custom), or null: someone else's change. */
  actionId: string | null;
  comment: RecordedComment | null;
  /** field → [previous, value] for Change events; Create events have previous undefined. */
  changes: Map<string, { previous: unknown; value: unknown; create: boolean }>;
}

/**
 * A ticket's audits, oldest first, from the audits API; a deleted ticket's (404 there) from the
 * helpdesk's store, where its history stays.
 */
export async function readAudits(demo: DemoServer, ticketId: number): Promise<RecordedAudit[]> {
  const out: RecordedAudit[] = [];
  let url: string | null = `${demo.url}/api/v2/tickets/${ticketId}/audits.json?page[size]=100`;
  while (url) {
    const response: Response = await fetch(url, { headers: { authorization: demo.authHeader() } });
    if (response.status === 404) {
      const store = demo.dataset as unknown as { auditsFor(id: number, from: number, to: number): AuditRecord[] };
      return store.auditsFor(ticketId, 0, Number.MAX_SAFE_INTEGER).map((record) => toRecorded(toAudit(record)));
    }
    const body = (await response.json()) as { audits: TicketAudit[]; meta?: { has_more: boolean }; links?: { next?: string | null } };
    for (const audit of body.audits) out.push(toRecorded(audit));
    url = body.meta?.has_more ? (body.links?.next ?? null) : null;
  }
  return out;
}

function toRecorded(audit: TicketAudit): RecordedAudit {
  const at = Date.parse(audit.created_at);
  const actionId = audit.metadata?.custom?.shiftdesk_action_id;
  let comment: RecordedComment | null = null;
  const changes = new Map<string, { previous: unknown; value: unknown; create: boolean }>();
  for (const event of audit.events) {
    if (event.type === 'Comment') {
      comment = { id: String(event.id as number), authorId: event.author_id as number, public: event.public !== false, at };
    } else if (event.type === 'Change' || event.type === 'Create') {
      changes.set(event.field_name as string, { previous: event.previous_value, value: event.value, create: event.type === 'Create' });
    }
  }
  return { id: audit.id, at, authorId: audit.author_id, actionId: typeof actionId === 'string' ? actionId : null, comment, changes };
}

export interface RecordedPolicy {
  position: number;
  any: { field: string; operator: string; value: unknown }[];
  all: { field: string; operator: string; value: unknown }[];
  metrics: { priority: string; metric: string; target: number; business_hours: boolean }[];
}

export async function readPolicies(demo: DemoServer): Promise<{ policies: RecordedPolicy[]; schedule: { timeZone: string; intervals: { startMinute: number; endMinute: number }[] } }> {
  const headers = { authorization: demo.authHeader() };
  const policies = (await (await fetch(`${demo.url}/api/v2/slas/policies.json`, { headers })).json()) as {
    sla_policies: { position: number; filter: { all: RecordedPolicy['all']; any: RecordedPolicy['any'] }; policy_metrics: RecordedPolicy['metrics'] }[];
  };
  const schedules = (await (await fetch(`${demo.url}/api/v2/business_hours/schedules.json`, { headers })).json()) as {
    schedules: { time_zone: string; intervals: { start_time: number; end_time: number }[] }[];
  };
  const first = schedules.schedules[0]!;
  // The demo's one zone, in Zendesk's Rails naming.
  const zones: Record<string, string> = { Berlin: 'Europe/Berlin' };
  const timeZone = zones[first.time_zone];
  if (!timeZone) throw new Error(`the oracle knows no IANA zone for ${first.time_zone}`);
  return {
    policies: policies.sla_policies.map((p) => ({ position: p.position, any: p.filter.any, all: p.filter.all, metrics: p.policy_metrics })).sort((a, b) => a.position - b.position),
    schedule: { timeZone, intervals: first.intervals.map((i) => ({ startMinute: i.start_time, endMinute: i.end_time })) },
  };
}

/** The via type of a ticket's `via.channel` (a type, or a via id as number or string). */
export function viaTypeName(channel: unknown): string | null {
  return viaTypeOf(channel as never) ?? null;
}
