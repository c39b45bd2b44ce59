import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RemoteCase, RemoteMessage, RemotePerson } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { SLA_SORT_NONE, SLA_SORT_PAUSED } from '../../../../src-main/core/db/repos/sla-repo';
import { CaseService } from '../../../../src-main/core/services/case-service';
import { InboxService } from '../../../../src-main/core/services/inbox-service';
import { SlaService } from '../../../../src-main/core/services/sla-service';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 16, 8); // Monday 16 Nov 2026, 09:00 in Berlin

const remoteCase = (remoteId: string, over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId, channel: 'email', subject: `Case ${remoteId}`, status: 'open', priority: 'high', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: '50', organizationRemoteId: null, tags: [], csat: null,
  createdAt: T0, updatedAt: T0, version: 'v1', generatedTs: 1, ...over,
});
const person = (remoteId: string, name: string, role: 'agent' | 'customer'): RemotePerson => ({
  remoteId, name, role, email: `${remoteId}@x`, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1,
});
let nextRemote = 1000;
const message = (caseRemoteId: string, authorRemoteId: string, createdAt: number, over: Partial<RemoteMessage> = {}): RemoteMessage => ({
  remoteId: String(nextRemote++), caseRemoteId, authorRemoteId, channel: 'email', public: true, bodyText: 'text', bodyHtml: null, attachments: [], createdAt, ...over,
});

describe('SLA in core', () => {
  let db: Db;
  let cache: AccountCache;
  let sla: SlaService;
  let inbox: InboxService;
  let cases: CaseService;
  let accountId: number;
  const id = (remoteId: string) => cache.cases.caseIdFor(remoteId);
  const row = (remoteId: string) =>
    db.prepare('SELECT sla_json, sla_next_due_at AS due, sla_next_at_risk_at AS risk, sla_sort AS sort FROM cases WHERE id = ?').get(id(remoteId)) as { sla_json: string | null; due: number | null; risk: number | null; sort: number };

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-sla-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    accountId = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' }).id;
    accounts.setIdentity(accountId, '7');
    cache = new AccountCache(db, accountId);
    cache.applyPage(null, { groups: [{ remoteId: '50', name: 'Support' }], people: [person('7', 'Me', 'agent'), person('9', 'Kim', 'customer')], cursor: null, caughtUp: true });
    sla = new SlaService(db);
    inbox = new InboxService(db);
    cases = new CaseService(db, () => undefined, () => []);
    sla.save(
      {
        title: 'Urgent & high',
        filter: { all: [{ field: 'priority', operator: 'is', value: 'high' }], any: [] },
        targets: [
          { target: 'first_reply', priority: 'high', minutes: 60, businessHours: false },
          { target: 'next_reply', priority: 'high', minutes: 240, businessHours: false },
          { target: 'resolution', priority: 'high', minutes: 24 * 60, businessHours: false },
          { target: 'first_reply', priority: 'high', channel: 'chat', minutes: 10, businessHours: false },
        ],
      },
      T0,
    );
  });

  it('stores due times when sync stores a case, and derives the state from now', () => {
    cache.applyPage('cases', { cases: [remoteCase('1')], messages: [message('1', '9', T0)], cursor: null, caughtUp: true });
    expect(row('1')).toMatchObject({ due: T0 + HOUR, risk: T0 + 45 * MIN, sort: T0 + HOUR });
    expect(inbox.list({ view: 'all_open', sort: 'next_breach', filters: {}, offset: 0, limit: 10 }).rows[0]?.sla?.next).toMatchObject({ target: 'first_reply', dueAt: T0 + HOUR });
    expect(inbox.rowsById([id('1')])[0]?.sla?.clocks).toHaveLength(2);
    const view = (now: number) => sla.caseView(id('1'), now)!;
    expect(view(T0 + 10 * MIN).next).toMatchObject({ target: 'first_reply', state: 'ok', dueAt: T0 + HOUR, atRiskAt: T0 + 45 * MIN });
    expect(view(T0 + 50 * MIN).next?.state).toBe('at_risk');
    expect(view(T0 + 61 * MIN).next?.state).toBe('breached');
    expect(view(T0).clocks.map((c) => c.target)).toEqual(['first_reply', 'resolution']);
    expect(cases.get(id('1'))?.sla?.next?.target).toBe('first_reply');
  });

  it('meets first reply on the agent reply and times the next reply, paused while pending', () => {
    cache.applyPage('cases', { cases: [remoteCase('1')], messages: [message('1', '9', T0)], cursor: null, caughtUp: true });
    cache.applyPage('messages', { messages: [message('1', '7', T0 + 30 * MIN), message('1', '9', T0 + HOUR)], cursor: null, caughtUp: true });
    const now = T0 + 2 * HOUR;
    expect(sla.caseView(id('1'), now)?.clocks.map((c) => [c.target, c.state])).toEqual([
      ['first_reply', 'met'],
      ['next_reply', 'ok'],
      ['resolution', 'ok'],
    ]);
    expect(row('1').due).toBe(T0 + 5 * HOUR);
    // pending for 3 hours (history from the ticket events), then open again
    cache.applyPage('messages', {
      statusChanges: [
        { caseRemoteId: '1', status: 'open', at: T0 },
        { caseRemoteId: '1', status: 'pending', at: T0 + 2 * HOUR },
        { caseRemoteId: '1', status: 'open', at: T0 + 5 * HOUR },
      ],
      cursor: null,
      caughtUp: true,
    });
    cache.applyPage('cases', { cases: [remoteCase('1', { updatedAt: T0 + 5 * HOUR, generatedTs: 3 })], cursor: null, caughtUp: true });
    expect(row('1').due).toBe(T0 + 8 * HOUR);
    expect(sla.caseView(id('1'), now)?.clocks.find((c) => c.target === 'resolution')?.dueAt).toBe(T0 + 27 * HOUR);
  });

  it('pauses a pending case whose history is unknown from its last update, and sorts by next breach', () => {
    cache.applyPage('cases', {
      cases: [
        remoteCase('1', { createdAt: T0 }), // first reply due T0 + 1 h
        remoteCase('2', { createdAt: T0 - 2 * HOUR }), // breached
        remoteCase('3', { createdAt: T0 - 3 * HOUR, channel: 'chat' }), // chat: 10 min, breached first
        remoteCase('4', { priority: 'low' }), // no policy
        remoteCase('5', { status: 'pending', createdAt: T0 - HOUR, updatedAt: T0 - 30 * MIN }), // replied, pending: next reply paused
      ],
      messages: [message('5', '9', T0 - HOUR), message('5', '7', T0 - 50 * MIN), message('5', '9', T0 - 40 * MIN)],
      cursor: null,
      caughtUp: true,
    });
    // pending since its last update (no history known): next reply and resolution are paused
    expect(row('5')).toMatchObject({ due: null, risk: null });
    const view5 = sla.caseView(id('5'), T0)!;
    expect(view5.clocks.map((c) => [c.target, c.state])).toEqual([
      ['first_reply', 'met'],
      ['next_reply', 'paused'],
      ['resolution', 'paused'],
    ]);
    expect(view5.next).toMatchObject({ target: 'next_reply', state: 'paused', dueAt: null });
    const order = inbox.list({ view: 'all_open', sort: 'next_breach', filters: {}, offset: 0, limit: 10 }).rows.map((r) => r.remoteId);
    expect(order).toEqual(['3', '2', '1', '4']);
    const unsolved = inbox.list({ view: 'mine', sort: 'next_breach', filters: {}, offset: 0, limit: 10 });
    expect(unsolved.rows).toEqual([]);
    const all = inbox.list({ view: 'channel:email', sort: 'next_breach', filters: {}, offset: 0, limit: 10 }).rows.map((r) => r.remoteId);
    expect(all).toEqual(['2', '1', '5', '4']);
    expect(row('4')).toMatchObject({ sla_json: null, sort: SLA_SORT_NONE });
    expect(row('5').sort).toBe(SLA_SORT_PAUSED);
  });

  it('counts at-risk and breached cases per group and channel', () => {
    cache.applyPage('cases', {
      cases: [
        remoteCase('1', { createdAt: T0 }),
        remoteCase('2', { createdAt: T0 - 2 * HOUR }),
        remoteCase('3', { createdAt: T0 - 50 * MIN }),
        remoteCase('6', { createdAt: T0 - 50 * MIN, groupRemoteId: null, channel: 'chat' }),
        remoteCase('7', { createdAt: T0 - 5 * HOUR, status: 'solved' }),
      ],
      cursor: null,
      caughtUp: true,
    });
    const group = db.prepare("SELECT id FROM groups WHERE remote_id = '50'").pluck().get() as number;
    expect(sla.stateCounts(T0)).toEqual([
      { groupId: null, channel: 'chat', running: 1, atRisk: 0, breached: 1 },
      { groupId: group, channel: 'email', running: 3, atRisk: 1, breached: 1 },
    ]);
  });

  it('recomputes when a policy changes, and stops timing when none applies', () => {
    cache.applyPage('cases', { cases: [remoteCase('1')], cursor: null, caughtUp: true });
    const [policy] = sla.list();
    expect(policy).toMatchObject({ source: 'local', accountId: null, title: 'Urgent & high', resolutionPauses: ['pending', 'hold'] });
    sla.save({ id: policy!.id, title: 'Urgent & high', targets: [{ target: 'first_reply', priority: 'high', minutes: 30, businessHours: false }] }, T0);
    expect(row('1').due).toBe(T0 + 30 * MIN);
    expect(sla.delete(policy!.id, T0)).toBe(true);
    expect(row('1')).toMatchObject({ sla_json: null, due: null, sort: SLA_SORT_NONE });
    expect(sla.list()).toEqual([]);
  });

  it('replaces synced policies but keeps a local override; deleting a synced one switches it off', () => {
    const remote = { remoteId: '11', title: 'Synced', description: '', position: 0, filter: { all: [], any: [] }, targets: [{ target: 'first_reply' as const, priority: 'normal' as const, minutes: 120, businessHours: true }], resolutionPauses: ['pending' as const], updatedAt: 1 };
    const schedule = { timeZone: 'Europe/Berlin', intervals: [{ startMinute: 1440 + 540, endMinute: 1440 + 1020 }] };
    expect(sla.policies.replaceSynced(accountId, [remote], schedule, T0)).toEqual({ upserted: 1, removed: 0 });
    expect(sla.policies.replaceSynced(accountId, [remote], schedule, T0)).toEqual({ upserted: 0, removed: 0 });
    const synced = sla.list().find((p) => p.remoteId === '11')!;
    expect(synced).toMatchObject({ source: 'helpdesk', schedule });
    cache.applyPage('cases', { cases: [remoteCase('8', { priority: 'normal' })], cursor: null, caughtUp: true });
    sla.writer.refreshAll();
    expect(row('8').due).toBe(T0 + 2 * HOUR); // Monday 09:00 + 2 business hours
    sla.save({ id: synced.id, title: 'Mine now', targets: synced.targets }, T0);
    expect(sla.policies.replaceSynced(accountId, [{ ...remote, title: 'Changed remotely' }], schedule, T0)).toEqual({ upserted: 0, removed: 0 });
    expect(sla.policies.get(synced.id)).toMatchObject({ title: 'Mine now', source: 'override' });
    expect(sla.delete(synced.id, T0)).toBe(true);
    expect(sla.policies.get(synced.id)).toMatchObject({ active: false, source: 'override' });
    expect(sla.policies.replaceSynced(accountId, [], schedule, T0)).toEqual({ upserted: 0, removed: 1 });
  });
});
