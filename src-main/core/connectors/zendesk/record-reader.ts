import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { RecordIssue, RecordKind, RemoteAttachment, RemoteCase, RemoteMessage, RemoteNamed, RemotePerson, RemoteSlaEvent, RemoteStatusChange } from '../connector';
import { toRemoteCase, toRemoteMessage, toRemotePerson, type Unmapped } from './mapping';
import { attachmentRecord, commentRecord, deletedTicketRecord, namedRecord, slaEventRecord, ticketEventRecord, ticketRecord, userRecord } from './schemas';

/**
 * Reads the records of one page one at a time (the tolerant reader, docs/zendesk-conformance.md):
 * a record that cannot be read is left out and noted as `skipped` with its id and what was wrong;
 * a value we cannot map is stored with a safe default and noted as `mapped`. The notes travel with
 * the page and are stored in its transaction, so they are counted once however often it is read.
 */
export class RecordReader {
  readonly issues: RecordIssue[] = [];

  /** Tickets of an export or a search, and the ids of deleted ones (they are never shown). */
  tickets(raw: readonly unknown[]): { cases: RemoteCase[]; deleted: { remoteId: string; generatedTs: number }[] } {
    const cases: RemoteCase[] = [];
    const deleted: { remoteId: string; generatedTs: number }[] = [];
    for (const record of raw) {
      const status = record && typeof record === 'object' ? (record as { status?: unknown }).status : undefined;
      const gone = typeof status === 'string' && status.toLowerCase() === 'deleted' ? deletedTicketRecord.safeParse(record) : null;
      if (gone?.success) {
        const { id, generated_timestamp, updated_at } = gone.data;
        const updated = updated_at ? Math.floor(Date.parse(updated_at) / 1000) : null;
        deleted.push({ remoteId: String(id), generatedTs: generated_timestamp ?? (updated !== null && Number.isFinite(updated) ? updated : Math.floor(Date.now() / 1000)) });
        continue;
      }
      const ticket = this.ticket(record);
      if (ticket) cases.push(ticket);
    }
    return { cases, deleted };
  }

  ticket(record: unknown): RemoteCase | null {
    const parsed = ticketRecord.safeParse(record);
    if (!parsed.success) return this.skip('ticket', record, parsed.error);
    const remote = toRemoteCase(parsed.data);
    if (!remote) return this.skip('ticket', record, 'updated_at: expected an ISO 8601 time');
    this.noteUnmapped('ticket', remote.remoteId, remote.unmapped);
    return remote;
  }

  users(raw: readonly unknown[]): RemotePerson[] {
    const people: RemotePerson[] = [];
    for (const record of raw) {
      const person = this.user(record);
      if (person) people.push(person);
    }
    return people;
  }

  user(record: unknown): RemotePerson | null {
    const parsed = userRecord.safeParse(record);
    if (!parsed.success) return this.skip('user', record, parsed.error);
    const { person, unmapped } = toRemotePerson(parsed.data);
    this.noteUnmapped('user', person.remoteId, unmapped);
    return person;
  }

  named(kind: 'group' | 'organization', raw: readonly unknown[]): RemoteNamed[] {
    const out: RemoteNamed[] = [];
    for (const record of raw) {
      const parsed = namedRecord.safeParse(record);
      if (!parsed.success) {
        this.skip(kind, record, parsed.error);
        continue;
      }
      if (parsed.data.deleted) continue;
      out.push({ remoteId: String(parsed.data.id), name: parsed.data.name });
    }
    return out;
  }

  comment(record: unknown, ticketId: number, fallbackVia: unknown, fallbackTime: number | null): RemoteMessage | null {
    const parsed = commentRecord.safeParse(record);
    if (!parsed.success) return this.skip('comment', record, parsed.error);
    const attachments: RemoteAttachment[] = [];
    for (const raw of parsed.data.attachments ?? []) {
      const file = attachmentRecord.safeParse(raw);
      if (!file.success) {
        this.skip('attachment', raw, file.error);
        continue;
      }
      attachments.push({ id: String(file.data.id), fileName: file.data.file_name, contentType: file.data.content_type || 'application/octet-stream', size: file.data.size ?? 0, url: file.data.content_url });
    }
    const mapped = toRemoteMessage(parsed.data, ticketId, fallbackVia, fallbackTime, attachments);
    if (!mapped) return this.skip('comment', record, 'created_at: not a time, and no event time to use');
    this.noteUnmapped('comment', mapped.message.remoteId, mapped.unmapped);
    return mapped.message;
  }

  /**
   * One page of the ticket-events export: the comments (with `include=comment_events`) and the
   * status changes. Child events come in two documented forms: `{field_name: "status", value}`
   * (as in audits) and `{status: "solved", previous_value}` (the field as its own key).
   */
  ticketEvents(raw: readonly unknown[]): { messages: RemoteMessage[]; statusChanges: RemoteStatusChange[] } {
    const messages: RemoteMessage[] = [];
    const statusChanges: RemoteStatusChange[] = [];
    for (const record of raw) {
      const parsed = ticketEventRecord.safeParse(record);
      if (!parsed.success) {
        this.skip('ticket_event', record, parsed.error);
        continue;
      }
      const event = parsed.data;
      const at = event.timestamp !== null && event.timestamp !== undefined ? event.timestamp * 1000 : event.created_at ? Date.parse(event.created_at) : null;
      if (at === null || Number.isNaN(at)) {
        this.skip('ticket_event', record, 'timestamp: missing');
        continue;
      }
      for (const child of event.child_events ?? []) {
        if (!child || typeof child !== 'object') continue;
        const type = (child as { event_type?: unknown }).event_type;
        if (type === 'Comment' || type === 'VoiceComment') {
          const message = this.comment(child, event.ticket_id, event.via, at);
          if (message) messages.push(message);
          continue;
        }
        if (type === 'Change' || type === 'Create') {
          const status = statusOfChild(child as Record<string, unknown>);
          if (status) statusChanges.push({ caseRemoteId: String(event.ticket_id), status, at });
        }
      }
    }
    return { messages, statusChanges };
  }

  /**
   * The ticket metric events of one page. Targets come in minutes (`target`) or, newer, also in
   * seconds (`target_in_seconds`, preferred when both are there); `deleted` is often absent (false).
   */
  slaEvents(raw: readonly unknown[]): RemoteSlaEvent[] {
    const out: RemoteSlaEvent[] = [];
    for (const record of raw) {
      const parsed = slaEventRecord.safeParse(record);
      if (!parsed.success) {
        this.skip('sla_event', record, parsed.error);
        continue;
      }
      const e = parsed.data;
      const event: RemoteSlaEvent = {
        id: String(e.id),
        caseRemoteId: String(e.ticket_id),
        metric: e.metric,
        instance: e.instance_id ?? 0,
        type: e.type,
        time: Date.parse(e.time),
        deleted: e.deleted === true,
      };
      if (e.sla) {
        const seconds = e.sla.target_in_seconds;
        const minutes = typeof seconds === 'number' ? seconds / 60 : (e.sla.target ?? null);
        const policy = e.sla.policy?.id;
        event.sla = { minutes, businessHours: e.sla.business_hours ?? null, policyRemoteId: policy === null || policy === undefined ? null : String(policy) };
      }
      out.push(event);
    }
    return out;
  }

  private noteUnmapped(kind: RecordKind, remoteId: string, unmapped: Unmapped | undefined): void {
    if (!unmapped) return;
    for (const field in unmapped) {
      const value = unmapped[field];
      this.issues.push({ kind, remoteId, issue: 'mapped', detail: `${field}: ${JSON.stringify(value)}` });
    }
  }

  private skip(kind: RecordKind, record: unknown, why: z.ZodError | string): null {
    const detail = typeof why === 'string' ? why : describeIssues(why);
    this.issues.push({ kind, remoteId: idOf(record), issue: 'skipped', detail, ...(idOf(record) === null ? { fingerprint: fingerprintOf(record) } : {}) });
    return null;
  }
}

function statusOfChild(child: Record<string, unknown>): CaseStatus | null {
  const value = child.field_name === 'status' ? child.value : 'status' in child && child.field_name === undefined ? child.status : undefined;
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return (CASE_STATUSES as readonly string[]).includes(lower) ? (lower as CaseStatus) : null;
}

/** Tells apart records without an id (the same record read again gives the same fingerprint). */
function fingerprintOf(record: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(record) ?? String(record);
  } catch {
    text = String(record);
  }
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

function idOf(record: unknown): string | null {
  const value = record && typeof record === 'object' ? (record as { id?: unknown }).id : undefined;
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : null;
}

/** "status: expected string, received number; created_at: expected an ISO 8601 time" (first three). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}
