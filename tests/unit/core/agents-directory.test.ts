import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RemotePerson } from '../../../src-main/core/connectors/connector';
import { toRemotePerson } from '../../../src-main/core/connectors/zendesk/mapping';
import { userRecord } from '../../../src-main/core/connectors/zendesk/schemas';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { AccountCache } from '../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';
import { assignableAgents } from '../../../src-shared/domain/assignees';

// Agents' active flag: from Zendesk's `active` / `suspended`, through the directory, to who an
// assignee picker offers.

const zendeskUser = (over: Record<string, unknown> = {}) =>
  userRecord.parse({ id: 501, name: 'Rachel Moore', email: 'rachel@x', role: 'agent', updated_at: '2026-11-01T10:00:00Z', ...over });

const person = (over: Partial<RemotePerson> = {}): RemotePerson => ({
  remoteId: '501', name: 'Rachel Moore', role: 'agent', email: 'rachel@x', phone: null, twitter: null, facebook: null, whatsapp: null,
  organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1, ...over,
});

describe('Zendesk users → active flag', () => {
  it('is active unless deleted (active: false) or suspended', () => {
    expect(toRemotePerson(zendeskUser({ active: true, suspended: false })).person.active).toBe(true);
    expect(toRemotePerson(zendeskUser({ active: false, suspended: false })).person.active).toBe(false);
    expect(toRemotePerson(zendeskUser({ active: true, suspended: true })).person.active).toBe(false);
    // Fields Zendesk leaves out (or sends as null) do not make anyone inactive.
    expect(toRemotePerson(zendeskUser()).person.active).toBe(true);
    expect(toRemotePerson(zendeskUser({ active: null, suspended: null })).person.active).toBe(true);
    expect(() => zendeskUser({ active: 'no' })).toThrow();
  });
});

describe('directory storage of agents', () => {
  let db: Db;
  let cache: AccountCache;
  const agents = () => db.prepare('SELECT remote_id AS remoteId, name, active FROM agents ORDER BY remote_id').all();

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-agents-')), 'p.db') });
    const account = new AccountsRepo(db).add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    cache = new AccountCache(db, account.id);
  });

  it('stores whether each agent is active, and follows changes both ways', () => {
    cache.applyPage('agents', { people: [person(), person({ remoteId: '502', name: 'Sam Okafor', active: true }), person({ remoteId: '503', name: 'Old Timer' })], cursor: null, caughtUp: true });
    expect(agents()).toEqual([
      { remoteId: '501', name: 'Rachel Moore', active: 1 }, // no flag from the connector: active
      { remoteId: '502', name: 'Sam Okafor', active: 1 },
      { remoteId: '503', name: 'Old Timer', active: 1 },
    ]);
    // Rachel is deleted, Sam suspended (the people stream brings the change)…
    cache.applyPage('people', { people: [person({ active: false }), person({ remoteId: '502', name: 'Sam Okafor', active: false })], cursor: 'c1', caughtUp: true });
    expect(agents()).toMatchObject([{ active: 0 }, { active: 0 }, { active: 1 }]);
    // …and Sam comes back.
    cache.applyPage('people', { people: [person({ remoteId: '502', name: 'Sam Okafor', active: true })], cursor: 'c2', caughtUp: true });
    expect(agents()).toMatchObject([{ active: 0 }, { active: 1 }, { active: 1 }]);
  });

  it('keeps a case assigned to an agent who became inactive', () => {
    cache.applyPage('agents', { people: [person()], cursor: null, caughtUp: true });
    cache.applyPage(null, {
      cases: [{ remoteId: '100', channel: 'email', subject: 's', status: 'open', priority: null, type: null, requesterRemoteId: null, assigneeRemoteId: '501', groupRemoteId: null, organizationRemoteId: null, tags: [], csat: null, createdAt: 1, updatedAt: 2, version: 'v1', generatedTs: 2 }],
      cursor: null,
      caughtUp: true,
    });
    cache.applyPage('people', { people: [person({ active: false })], cursor: 'c1', caughtUp: true });
    expect(db.prepare('SELECT a.name, a.active FROM cases c JOIN agents a ON a.id = c.assignee_id WHERE c.remote_id = ?').get('100')).toEqual({ name: 'Rachel Moore', active: 0 });
  });

  it('does not offer a placeholder agent (named by a case, unknown to the directory) until the directory says it is active', () => {
    cache.applyPage(null, {
      cases: [{ remoteId: '100', channel: 'email', subject: 's', status: 'open', priority: null, type: null, requesterRemoteId: null, assigneeRemoteId: '777', groupRemoteId: null, organizationRemoteId: null, tags: [], csat: null, createdAt: 1, updatedAt: 2, version: 'v1', generatedTs: 2 }],
      cursor: null,
      caughtUp: true,
    });
    expect(agents()).toEqual([{ remoteId: '777', name: 'Agent 777', active: 0 }]);
    cache.applyPage('people', { people: [person({ remoteId: '777', name: 'New Hire', active: true })], cursor: 'c1', caughtUp: true });
    expect(agents()).toEqual([{ remoteId: '777', name: 'New Hire', active: 1 }]);
  });
});

describe('assignableAgents', () => {
  const list = [
    { id: 1, name: 'Maya', active: true },
    { id: 2, name: 'Rachel', active: false },
    { id: 3, name: 'Sam', active: true },
  ];

  it('offers active agents only, in order', () => {
    expect(assignableAgents(list).map((a) => a.id)).toEqual([1, 3]);
    expect(assignableAgents(list, null).map((a) => a.id)).toEqual([1, 3]);
    expect(assignableAgents(list, 3).map((a) => a.id)).toEqual([1, 3]);
  });

  it('keeps the current assignee even when inactive, so its name still shows', () => {
    expect(assignableAgents(list, 2)).toEqual(list);
  });
});
