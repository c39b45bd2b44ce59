import { beforeEach, describe, expect, it } from 'vitest';
import type { PresencePayload, StatusPayload } from '../../../../src-main/core/presence/payloads';
import { PresenceStore } from '../../../../src-main/core/presence/presence-store';

// The store's rules (docs/presence.md), on a fake clock: freshness on the reader's clock (live =
// as of arrival, retained replay = as old as its stamp), expiry, ordering by session and counter,
// the Last Will ending a session, and the order in which a case's visitors are listed.

const EXPIRY = 60_000;
const LIVE = { retained: false };
const RETAINED = { retained: true };
const CASE = 'acme.zendesk.com:1';

let now = 0;
let store: PresenceStore;

function presence(over: Partial<PresencePayload> = {}): PresencePayload {
  return { state: 'viewing', since: now, at: now, name: 'Ana', sid: 's1', seq: 1, ...over };
}

function status(over: Partial<StatusPayload> = {}): StatusPayload {
  return { status: 'available', at: now, name: 'Ana', sid: 's1', seq: 1, case: null, ...over };
}

beforeEach(() => {
  now = 1_000_000_000;
  store = new PresenceStore({ expiryMs: EXPIRY, now: () => now });
});

describe('presence store: freshness and expiry', () => {
  it('drops a case entry that was not refreshed within the expiry, and says when', () => {
    expect(store.applyPresence(CASE, 'ana', presence(), LIVE)).toEqual({ ignored: null, change: { agentIds: [], caseKeys: [CASE] } });
    expect(store.nextExpiryAt()).toBe(now + EXPIRY);
    now += EXPIRY - 1;
    expect(store.expire()).toEqual({ agentIds: [], caseKeys: [] });
    expect(store.forCase(CASE).map((p) => p.agentId)).toEqual(['ana']);
    now += 1;
    // stale entries are hidden even before expire() runs…
    expect(store.forCase(CASE)).toEqual([]);
    // …and expire() removes them and reports the case once
    expect(store.expire()).toEqual({ agentIds: [], caseKeys: [CASE] });
    expect(store.expire()).toEqual({ agentIds: [], caseKeys: [] });
    expect(store.nextExpiryAt()).toBeNull();
  });

  it('is kept alive by heartbeats, which change nothing visible', () => {
    const since = now;
    store.applyPresence(CASE, 'ana', presence({ seq: 1 }), LIVE);
    for (let beat = 2; beat <= 10; beat++) {
      now += 20_000;
      expect(store.applyPresence(CASE, 'ana', presence({ seq: beat, since }), LIVE).change.caseKeys).toEqual([]);
      expect(store.expire().caseKeys).toEqual([]);
    }
    expect(store.forCase(CASE)).toEqual([{ caseKey: CASE, agentId: 'ana', name: 'Ana', activity: 'viewing', since, at: now }]);
    expect(store.nextExpiryAt()).toBe(now + EXPIRY);
  });

  it('measures live updates on its own clock: the sender clock may be off by minutes', () => {
    store.applyPresence(CASE, 'slow', presence({ at: now - 10 * 60_000, since: now - 10 * 60_000, name: 'Slow' }), LIVE);
    store.applyPresence(CASE, 'fast', presence({ at: now + 10 * 60_000, since: now + 10 * 60_000, name: 'Fast' }), LIVE);
    expect(store.forCase(CASE).map((p) => p.agentId).sort()).toEqual(['fast', 'slow']);
    now += EXPIRY;
    expect(store.expire().caseKeys).toEqual([CASE]);
    expect(store.forCase(CASE)).toEqual([]);
  });

  it('ages a retained replay by its stamp, never from the future', () => {
    // retained 50 s ago: 10 s left
    store.applyPresence(CASE, 'ana', presence({ at: now - 50_000 }), RETAINED);
    expect(store.nextExpiryAt()).toBe(now + 10_000);
    // retained long ago (its owner crashed): ignored at once
    expect(store.applyPresence(CASE, 'ben', presence({ at: now - EXPIRY }), RETAINED)).toEqual({ ignored: 'stale', change: { agentIds: [], caseKeys: [] } });
    // a stamp from the future counts as now
    store.applyPresence(CASE, 'cho', presence({ at: now + 3_600_000 }), RETAINED);
    expect(store.forCase(CASE).map((p) => p.agentId).sort()).toEqual(['ana', 'cho']);
    now += 10_000;
    expect(store.forCase(CASE).map((p) => p.agentId)).toEqual(['cho']);
    now += EXPIRY - 10_000;
    expect(store.forCase(CASE)).toEqual([]);
  });

  it('turns a status offline when its heartbeat stops, and reports it once', () => {
    store.applyStatus('ana', status({ case: CASE }), LIVE);
    expect(store.agent('ana')).toMatchObject({ status: 'available', currentCase: CASE });
    now += EXPIRY;
    expect(store.agent('ana')).toMatchObject({ status: 'offline', currentCase: null });
    expect(store.expire()).toEqual({ agentIds: ['ana'], caseKeys: [] });
    expect(store.expire()).toEqual({ agentIds: [], caseKeys: [] });
    // an offline agent is remembered (last seen) but nothing expires any more
    expect(store.nextExpiryAt()).toBeNull();
    expect(store.agents().map((a) => [a.agentId, a.status])).toEqual([['ana', 'offline']]);
    // a retained status that is already stale is known, as offline
    expect(store.applyStatus('ben', status({ name: 'Ben', at: now - 2 * EXPIRY }), RETAINED).ignored).toBe('stale');
    expect(store.agent('ben')).toMatchObject({ status: 'offline', name: 'Ben' });
  });
});

describe('presence store: ordering', () => {
  it('takes a higher counter within a session and ignores older or repeated ones', () => {
    store.applyPresence(CASE, 'ana', presence({ seq: 5, state: 'typing' }), LIVE);
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 4, state: 'viewing' }), LIVE).ignored).toBe('out-of-order');
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 5, state: 'sending' }), LIVE).ignored).toBe('out-of-order');
    expect(store.forCase(CASE)[0]!.activity).toBe('typing');
    // within a session the counter decides even when the clock went backwards
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 6, state: 'sending', at: now - 5_000 }), LIVE).ignored).toBeNull();
    expect(store.forCase(CASE)[0]!.activity).toBe('sending');
  });

  it('orders different sessions of an agent by their stamps', () => {
    store.applyStatus('ana', status({ sid: 'new', seq: 1, at: now, status: 'away' }), LIVE);
    // the previous session's retained status, replayed late: older, ignored
    expect(store.applyStatus('ana', status({ sid: 'old', seq: 99, at: now - 1_000, status: 'available' }), RETAINED).ignored).toBe('out-of-order');
    expect(store.agent('ana')!.status).toBe('away');
    // a later session wins
    expect(store.applyStatus('ana', status({ sid: 'newer', seq: 1, at: now + 1 }), LIVE)).toEqual({ ignored: null, change: { agentIds: ['ana'], caseKeys: [] } });
    expect(store.agent('ana')!.status).toBe('available');
  });

  it('ends a session with its Last Will: its case presence goes at once, and its leftovers are ignored', () => {
    const connectedAt = now;
    now += 30_000;
    store.applyStatus('ana', status({ sid: 's1', seq: 2, case: CASE }), LIVE);
    store.applyPresence(CASE, 'ana', presence({ sid: 's1', seq: 3 }), LIVE);
    store.applyPresence('acme.zendesk.com:2', 'ana', presence({ sid: 's1', seq: 4 }), LIVE);
    store.applyPresence(CASE, 'ben', presence({ sid: 'b1', name: 'Ben' }), LIVE);
    now += 1_000;
    // the Will was made at connection time: an old stamp and the lowest counter, yet it applies
    const will = status({ status: 'offline', sid: 's1', seq: 1, at: connectedAt, case: null });
    expect(store.applyStatus('ana', will, LIVE)).toEqual({ ignored: null, change: { agentIds: ['ana'], caseKeys: [CASE, 'acme.zendesk.com:2'] } });
    expect(store.agent('ana')).toMatchObject({ status: 'offline', currentCase: null });
    expect(store.forCase(CASE).map((p) => p.agentId)).toEqual(['ben']);
    expect(store.forCase('acme.zendesk.com:2')).toEqual([]);
    // the dead session's retained entry, replayed: ignored
    expect(store.applyPresence(CASE, 'ana', presence({ sid: 's1', seq: 3 }), RETAINED).ignored).toBe('dead-session');
    // the agent comes back with a new session
    now += 5_000;
    expect(store.applyPresence(CASE, 'ana', presence({ sid: 's2', seq: 2 }), LIVE).ignored).toBeNull();
    expect(store.applyStatus('ana', status({ sid: 's2', seq: 1 }), LIVE).ignored).toBeNull();
    expect(store.agent('ana')!.status).toBe('available');
    expect(store.forCase(CASE).map((p) => p.agentId).sort()).toEqual(['ana', 'ben']);
  });

  it('drops a dead session whichever arrives first: its entries or its Will', () => {
    // a reader subscribing after a crash gets both as retained replays, in any order
    store.applyStatus('ana', status({ status: 'offline', sid: 's1', seq: 1, at: now - 20_000 }), RETAINED);
    expect(store.applyPresence(CASE, 'ana', presence({ sid: 's1', seq: 7, at: now - 10_000 }), RETAINED).ignored).toBe('dead-session');
    expect(store.forCase(CASE)).toEqual([]);
  });

  it('lets a late Will of an old session drop that session only', () => {
    store.applyStatus('ana', status({ sid: 'old', seq: 1, at: now - 10_000 }), LIVE);
    store.applyPresence('h:old', 'ana', presence({ sid: 'old', seq: 2, at: now - 10_000 }), LIVE);
    store.applyStatus('ana', status({ sid: 'new', seq: 1 }), LIVE);
    store.applyPresence(CASE, 'ana', presence({ sid: 'new', seq: 2 }), LIVE);
    // the broker noticed the old connection was dead only now
    const result = store.applyStatus('ana', status({ status: 'offline', sid: 'old', seq: 1, at: now - 11_000 }), LIVE);
    expect(result).toEqual({ ignored: 'out-of-order', change: { agentIds: [], caseKeys: ['h:old'] } });
    expect(store.agent('ana')!.status).toBe('available');
    expect(store.forCase(CASE).map((p) => p.agentId)).toEqual(['ana']);
  });

  it('clears an entry with an empty payload, whatever its session', () => {
    store.applyPresence(CASE, 'ana', presence({ sid: 's9', seq: 9 }), LIVE);
    expect(store.applyPresence(CASE, 'ana', null, LIVE)).toEqual({ ignored: null, change: { agentIds: [], caseKeys: [CASE] } });
    expect(store.forCase(CASE)).toEqual([]);
    expect(store.applyPresence(CASE, 'ana', null, LIVE).change.caseKeys).toEqual([]);
    store.applyStatus('ana', status(), LIVE);
    expect(store.applyStatus('ana', null, RETAINED).change.agentIds).toEqual(['ana']);
    expect(store.agent('ana')).toBeNull();
  });
});

describe('presence store: reading', () => {
  it('lists a case by urgency (sending, typing, viewing), then who came first', () => {
    store.applyPresence(CASE, 'viewer-late', presence({ since: now + 2, name: 'V2' }), LIVE);
    store.applyPresence(CASE, 'viewer-early', presence({ since: now + 1, name: 'V1' }), LIVE);
    store.applyPresence(CASE, 'typist', presence({ state: 'typing', since: now + 5, name: 'T' }), LIVE);
    store.applyPresence(CASE, 'sender', presence({ state: 'sending', since: now + 9, name: 'S' }), LIVE);
    store.applyPresence(CASE, 'b-same', presence({ since: now + 1, name: 'B' }), LIVE);
    expect(store.forCase(CASE).map((p) => p.agentId)).toEqual(['sender', 'typist', 'b-same', 'viewer-early', 'viewer-late']);
  });

  it('reports a change when an activity or name changes, not for a refresh', () => {
    store.applyPresence(CASE, 'ana', presence({ seq: 1 }), LIVE);
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 2 }), LIVE).change.caseKeys).toEqual([]);
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 3, state: 'typing', since: now + 1 }), LIVE).change.caseKeys).toEqual([CASE]);
    expect(store.applyPresence(CASE, 'ana', presence({ seq: 4, state: 'typing', since: now + 1, name: 'Ana K.' }), LIVE).change.caseKeys).toEqual([CASE]);
    store.applyStatus('ana', status({ seq: 5 }), LIVE);
    expect(store.applyStatus('ana', status({ seq: 6 }), LIVE).change.agentIds).toEqual([]);
    expect(store.applyStatus('ana', status({ seq: 7, case: CASE }), LIVE).change.agentIds).toEqual(['ana']);
  });

  it('answers for many cases at once, leaving out the empty ones, and lists agents by name', () => {
    store.applyPresence('h:1', 'ana', presence(), LIVE);
    store.applyPresence('h:3', 'ben', presence({ name: 'Ben', state: 'typing' }), LIVE);
    expect(Object.keys(store.forCases(['h:1', 'h:2', 'h:3']))).toEqual(['h:1', 'h:3']);
    expect(store.caseKeys().sort()).toEqual(['h:1', 'h:3']);
    store.applyStatus('zed', status({ name: 'Ahn' }), LIVE);
    store.applyStatus('amy', status({ name: 'Zoe' }), LIVE);
    expect(store.agents().map((a) => a.agentId)).toEqual(['zed', 'amy']);
    expect(store.clear()).toEqual({ agentIds: ['zed', 'amy'], caseKeys: ['h:1', 'h:3'] });
    expect(store.agents()).toEqual([]);
    expect(store.forCases(['h:1'])).toEqual({});
  });
});
