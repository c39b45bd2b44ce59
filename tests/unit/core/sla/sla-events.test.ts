import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RemoteCase, RemotePerson, RemoteSlaEvent, RemoteSlaPolicy, SlaEventsPage } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { SlaPolicyRepo } from '../../../../src-main/core/db/repos/sla-repo';
import { SlaService } from '../../../../src-main/core/services/sla-service';

// The helpdesk's SLA events in the cache (docs/sla.md "The helpdesk's verdict"): stored with their
// cursor, each case's verdict kept (also for a case that arrives after its events), our clocks
// following the policy the helpdesk applied, and the comparison counting what differs.

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 16, 8);

const remoteCase = (remoteId: string, over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId, channel: 'other', subject: 'Parcel late', status: 'open', priority: 'high', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: [], csat: null,
  createdAt: T0, updatedAt: T0, version: 'v1', generatedTs: 1, ...over,
});
const person = (remoteId: string, role: 'agent' | 'customer'): RemotePerson => ({
  remoteId, name: remoteId, role, email: `${remoteId}@x`, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1,
});
const policy = (remoteId: string, position: number, over: Partial<RemoteSlaPolicy>): RemoteSlaPolicy => ({
  remoteId, title: remoteId, description: '', position, filter: { all: [], any: [] }, targets: [], resolutionPauses: ['pending', 'hold'], updatedAt: 0, ...over,
});
let n = 0;
const event = (ticket: string, type: string, time: number, over: Partial<RemoteSlaEvent> = {}): RemoteSlaEvent => ({
  id: String(++n), caseRemoteId: ticket, metric: 'reply_time', instance: 1, type, time, deleted: false, ...over,
});
const page = (events: RemoteSlaEvent[], knownUntil: number): SlaEventsPage => ({ events, cursor: String(Math.floor(knownUntil / 1000)), caughtUp: true, knownUntil });

describe('the helpdesk’s SLA events in the cache', () => {
  let db: Db;
  let cache: AccountCache;
  const caseId = (remoteId: string) => cache.cases.caseIdFor(remoteId);
  const view = (remoteId: string) => new SlaService(db).caseView(caseId(remoteId), T0 + 2 * HOUR)!;

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-sla-events-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    const accountId = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: '7@x' }).id;
    accounts.setIdentity(accountId, '7');
    cache = new AccountCache(db, accountId);
    // "Chat" applies by a via our filters cannot read (it never matches here); "High" by priority.
    new SlaPolicyRepo(db).replaceSynced(
      accountId,
      [
        policy('501', 1, { filter: { all: [], any: [{ field: 'via_id', operator: 'is', value: 99 }] }, targets: [{ target: 'first_reply', priority: 'high', minutes: 10, businessHours: false }] }),
        policy('502', 2, { filter: { all: [], any: [{ field: 'priority', operator: 'is', value: 'high' }] }, targets: [{ target: 'first_reply', priority: 'high', minutes: 60, businessHours: false }] }),
      ],
      null,
      T0,
    );
    cache.applyPage(null, { people: [person('7', 'agent'), person('9', 'customer')], cursor: null, caughtUp: true });
  });

  it('keeps each case’s verdict, also for a case that comes after its events, and follows the policy the helpdesk applied', () => {
    const applied = (ticket: string, policyRemoteId: string, minutes: number) => event(ticket, 'apply_sla', T0, { sla: { minutes, businessHours: false, policyRemoteId } });
    // Events for a ticket not synced yet: stored, no placeholder case.
    cache.applySlaEvents('sla-events', page([applied('2', '502', 60), event('2', 'activate', T0), event('2', 'breach', T0 + HOUR)], T0 + 2 * HOUR));
    expect(db.prepare('SELECT count(*) FROM cases WHERE remote_id = ?').pluck().get('2')).toBe(0);
    cache.applyPage('cases', { cases: [remoteCase('1'), remoteCase('2')], messages: [], cursor: null, caughtUp: true });
    expect(view('2').helpdesk).toEqual([{ target: 'first_reply', state: 'breached', at: T0 + HOUR, targetMinutes: 60 }]);
    // Case 1: by our filters the high-priority policy (60 min); the helpdesk says it applied "Chat" (10 min).
    expect(view('1').clocks[0]).toMatchObject({ target: 'first_reply', dueAt: T0 + HOUR });
    const touched = cache.applySlaEvents('sla-events', page([applied('1', '501', 10), event('1', 'activate', T0), event('1', 'breach', T0 + 10 * MIN)], T0 + 2 * HOUR));
    expect(touched).toEqual({ caseIds: [caseId('1')], changed: 3 });
    // The same events read again (a time-based export repeats its last second): nothing changes.
    expect(cache.applySlaEvents('sla-events', page(db.prepare("SELECT remote_id AS id, case_remote_id AS caseRemoteId, metric, instance, type, at AS time, deleted FROM sla_events WHERE case_remote_id = '1' AND type != 'apply_sla'").all().map((r) => ({ ...(r as RemoteSlaEvent), deleted: false })), T0 + 2 * HOUR))).toEqual({ caseIds: [], changed: 0 });
    expect(view('1').clocks[0]).toMatchObject({ target: 'first_reply', dueAt: T0 + 10 * MIN, state: 'breached' });
    expect(view('1').helpdesk).toEqual([{ target: 'first_reply', state: 'breached', at: T0 + 10 * MIN, targetMinutes: 10 }]);
    expect(cache.slaKnownUntil('sla-events')).toBe(T0 + 2 * HOUR);
    expect(cache.cursor('sla-events')).toMatchObject({ cursor: String(Math.floor((T0 + 2 * HOUR) / 1000)), complete: true });
    expect(cache.slaEvents.check(T0 + 2 * HOUR)).toMatchObject({ cases: 2, disagreements: 0 });
    // A breach the helpdesk takes back arrives again, deleted: the verdict follows.
    const breach = db.prepare("SELECT remote_id FROM sla_events WHERE case_remote_id = '2' AND type = 'breach'").pluck().get() as string;
    cache.applySlaEvents('sla-events', page([event('2', 'breach', T0 + HOUR, { id: breach, deleted: true }), event('2', 'fulfill', T0 + 30 * MIN)], T0 + 3 * HOUR));
    expect(view('2').helpdesk).toEqual([{ target: 'first_reply', state: 'met', at: T0 + 30 * MIN, targetMinutes: 60 }]);
  });

  it('counts where our clocks differ, and leaves out a case with an action of ours on its way', () => {
    cache.applyPage('cases', { cases: [remoteCase('1'), remoteCase('3')], messages: [], cursor: null, caughtUp: true });
    // The helpdesk fulfilled first reply on both at 00:20 (a reply we have not synced yet) and times it at 60 min.
    for (const ticket of ['1', '3']) {
      cache.applySlaEvents('sla-events', page([event(ticket, 'apply_sla', T0, { sla: { minutes: 60, businessHours: false, policyRemoteId: '502' } }), event(ticket, 'activate', T0), event(ticket, 'fulfill', T0 + 20 * MIN)], T0 + 2 * HOUR));
    }
    // Ours still run (and are past due by 2 h): a breach and a fulfilment each.
    expect(cache.slaEvents.check(T0 + 2 * HOUR)).toMatchObject({ cases: 2, disagreements: 4, byKind: { breach: 2, fulfilment: 2, target: 0, missing: 0 } });
    // A reply of ours queued on case 3: left out until it lands.
    new OutboxRepo(db).enqueue(caseId('3'), { comment: { body: 'On its way', public: true } }, { now: T0 + 20 * MIN });
    expect(cache.slaEvents.check(T0 + 2 * HOUR)).toMatchObject({ cases: 1, disagreements: 2 });
  });
});
