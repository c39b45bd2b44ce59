import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { CustomerService } from '../../../src-main/core/services/customer-service';
import { SmartPriorityService } from '../../../src-main/core/services/smart-priority-service';
import { RoutingService } from '../../../src-main/core/services/routing-service';
import { InboxService } from '../../../src-main/core/services/inbox-service';
import { DEFAULT_SMART_WEIGHTS } from '../../../src-shared/domain/smart-priority';
import type { PresenceView } from '../../../src-shared/contract/models';

// Smart priority in core: facts and score stored on the case, kept fresh by the triggers of
// migration 0008, the 'smart' sort, weights, preview; and the routing suggestion.

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;

let db: Db;
let now = NOW;
let scored: number[][];
let service: SmartPriorityService;

function addCase(id: number, subject: string, customerId: number, opts: { waitingSince?: number | null; queue?: string; groupId?: number | null; assigneeId?: number | null } = {}) {
  const queue = opts.queue ?? 'open';
  db.prepare(
    `INSERT INTO cases (id, account_id, remote_id, subject, status, queue, customer_id, waiting_since, waiting_sort, group_id, assignee_id, created_at, updated_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
  ).run(id, String(1000 + id), subject, queue, queue, customerId, opts.waitingSince ?? null, opts.waitingSince ?? 9007199254740991, opts.groupId ?? null, opts.assigneeId ?? null);
}

function addMessage(caseId: number, body: string, at: number, author = 'customer') {
  db.prepare(`INSERT INTO messages (account_id, remote_id, case_id, author_kind, channel, public, body_text, created_at) VALUES (1, ?, ?, ?, 'email', 1, ?, ?)`).run(`m${caseId}-${at}`, caseId, author, body, at);
  db.prepare(`UPDATE cases SET last_customer_message_at = (SELECT max(created_at) FROM messages WHERE case_id = ? AND author_kind = 'customer') WHERE id = ?`).run(caseId, caseId);
}

beforeEach(() => {
  now = NOW;
  scored = [];
  db = openDatabase({ path: ':memory:' });
  db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, me_remote_id, status, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 'a1', 'ok', 0)").run();
  db.prepare("INSERT INTO customers (id, name, locale, created_at, updated_at) VALUES (1, 'Vera VIP', 'en', 0, 0), (2, 'Sam Standard', 'en', 0, 0), (3, '김민준', 'ko', 0, 0)").run();
  db.prepare("INSERT INTO customer_context (customer_id, tier, lifetime_value, followers, updated_at) VALUES (1, 'vip', 20000, 50, 0), (2, 'standard', 100, 0, 0), (3, 'gold', 6750000, 0, 0)").run();
  addCase(1, 'Question about sizes', 1, { waitingSince: NOW - 2 * HOUR - 1000 });
  addMessage(1, 'Hello, which size should I order?', NOW - 2 * HOUR - 1000);
  addCase(2, 'Refund for a broken blender', 2, { waitingSince: NOW - 30 * 60_000 });
  addMessage(2, 'This is terrible. The blender is broken and I am angry. I want a refund.', NOW - 30 * 60_000);
  addCase(3, '주문 문의', 3, { waitingSince: NOW - HOUR });
  addMessage(3, '정말 실망했습니다. 환불해 주세요.', NOW - HOUR);
  service = new SmartPriorityService(db, { now: () => now, onScored: (ids) => scored.push(ids) });
});

afterEach(() => {
  service.stop();
  db.close();
});

describe('SmartPriorityService', () => {
  it('scores stale cases from the cache and stores facts, base and sort key', () => {
    expect(service.refreshStale().sort()).toEqual([1, 2, 3]);
    const views = service.views([1, 2, 3]);
    expect(views.get(1)).toEqual({
      score: 48,
      reasons: [
        { kind: 'tier', detail: 'vip', points: 30 },
        { kind: 'waiting', detail: '2', points: 10 },
        // Ranked in dollars; said as the customer pane says it (no orders: the currency is not known).
        { kind: 'lifetime_value', detail: '20000', points: 8, money: { amount: 20_000, currency: null } },
      ],
    });
    // English sentiment from the `sentiment` library: terrible −3, angry −3, broken −1, want +1 over 15 words = −0.4
    const two = views.get(2)!;
    expect(two).toEqual({
      score: 47,
      reasons: [
        { kind: 'trigger', detail: 'refund', points: 20 },
        { kind: 'trigger', detail: 'broken', points: 15 },
        { kind: 'sentiment', detail: '-0.40', points: 12 },
      ],
    });
    // Korean: trigger, the Korean lexicon's sentiment, gold tier, lifetime value converted from won
    const three = views.get(3)!;
    expect(three.reasons.map((r) => `${r.kind} +${r.points}`)).toEqual(['trigger +20', 'tier +15', 'sentiment +15', 'waiting +5', 'lifetime_value +5']);
    expect(three.reasons[0]).toEqual({ kind: 'trigger', detail: '환불', points: 20 });
    expect(three.reasons.find((r) => r.kind === 'lifetime_value')).toMatchObject({ detail: '5000', money: { amount: 6_750_000, currency: null } });
    const stored = db.prepare('SELECT id, smart_base AS base, smart_score AS score, smart_stale AS stale FROM cases ORDER BY id').all() as { id: number; base: number; score: number; stale: number }[];
    expect(stored.map((r) => r.score)).toEqual([views.get(1)!.score, two.score, three.score]);
    expect(stored.every((r) => r.stale === 0)).toBe(true);
  });

  it('says the lifetime value as the customer pane does: from the orders when they come to more, in their currency', () => {
    const customers = new CustomerService(db, null, () => undefined);
    const orders = [
      { number: 'SD-2', placedAt: NOW - 86_400_000, total: 4_200_000, currency: 'KRW', status: 'delivered', items: [] },
      { number: 'SD-1', placedAt: NOW - 2 * 86_400_000, total: 3_100_000, currency: 'KRW', status: 'delivered', items: [] },
      { number: 'SD-0', placedAt: NOW - 3 * 86_400_000, total: 9_900_000, currency: 'KRW', status: 'refunded', items: [] },
    ];
    // A Korean customer whose helpdesk field trails their orders (6,750,000 recorded, 7,300,000 delivered).
    db.prepare('UPDATE customer_context SET orders_json = ? WHERE customer_id = 3').run(JSON.stringify(orders));
    expect(db.prepare('SELECT smart_stale FROM cases WHERE id = 3').pluck().get()).toBe(1);
    service.refreshStale();
    const reason = service.views([3]).get(3)!.reasons.find((r) => r.kind === 'lifetime_value');
    const pane = customers.get(3)!;
    expect(pane).toMatchObject({ lifetimeValue: 7_300_000, lifetimeValueCurrency: 'KRW' });
    expect(reason?.money).toEqual({ amount: pane.lifetimeValue, currency: pane.lifetimeValueCurrency });
    // Ranked in dollars (7,300,000 won ≈ $5,407), never said in them.
    expect(reason?.detail).toBe('5407');
    // A customer with no orders and a recorded value: the same figure in both places, no currency guessed.
    const vera = customers.get(1)!;
    expect(service.views([1]).get(1)!.reasons.find((r) => r.kind === 'lifetime_value')?.money).toEqual({ amount: vera.lifetimeValue, currency: vera.lifetimeValueCurrency });
  });

  it('sorts the inbox by the stored score, and re-scores a case when sync changes it', () => {
    service.refreshStale();
    const inbox = new InboxService(db);
    const ids = () => inbox.list({ view: 'all_open', sort: 'smart' }).rows.map((r) => r.id);
    expect(ids()).toEqual([3, 1, 2]);
    // the customer of case 1 turns out to have a million followers; a new angry message on case 3
    db.prepare('UPDATE customer_context SET followers = 2000000 WHERE customer_id = 1').run();
    service.afterChange();
    expect(ids()[0]).toBe(1);
    addMessage(3, '변호사와 상담하겠습니다. 소송을 걸겠습니다.', NOW - 10 * 60_000);
    service.afterChange();
    expect(service.views([3]).get(3)!.reasons.filter((r) => r.kind === 'trigger').map((r) => r.detail)).toEqual(['소송', '환불']);
  });

  it('adds the waiting time as the clock moves (refreshTime), and tells the UI', () => {
    service.refreshStale();
    const before = service.views([1]).get(1)!.score;
    now = NOW + 3 * HOUR;
    expect(service.refreshTime().sort()).toEqual([1, 2, 3]);
    expect(service.views([1]).get(1)!.score).toBe(before + 15);
    expect(db.prepare('SELECT smart_score FROM cases WHERE id = 1').pluck().get()).toBe(before + 15);
    expect(scored.at(-1)?.sort()).toEqual([1, 2, 3]);
    expect(service.refreshTime()).toEqual([]);
  });

  it('weights: defaults until saved, saving re-scores from stored facts, null resets', () => {
    service.refreshStale();
    expect(service.settingsView()).toEqual({ weights: DEFAULT_SMART_WEIGHTS, defaults: DEFAULT_SMART_WEIGHTS, customized: false });
    const saved = service.setWeights({ ...DEFAULT_SMART_WEIGHTS, tier_vip: 100 });
    expect(saved.customized).toBe(true);
    expect(saved.weights.tier_vip).toBe(100);
    expect(new InboxService(db).list({ view: 'all_open', sort: 'smart' }).rows[0]!.id).toBe(1);
    // a new service (a restart) reads them back
    expect(new SmartPriorityService(db).weights().tier_vip).toBe(100);
    expect(service.setWeights(null)).toEqual({ weights: DEFAULT_SMART_WEIGHTS, defaults: DEFAULT_SMART_WEIGHTS, customized: false });
    expect(new InboxService(db).list({ view: 'all_open', sort: 'smart' }).rows[0]!.id).toBe(3);
  });

  it('preview re-ranks the open queue with candidate weights without saving them', () => {
    service.refreshStale();
    const preview = service.preview({ ...DEFAULT_SMART_WEIGHTS, tier_vip: 100 }, 2);
    expect(preview.considered).toBe(3);
    expect(preview.rows.map((r) => [r.caseId, r.savedRank])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(preview.rows[0]!.smart.reasons[0]).toEqual({ kind: 'tier', detail: 'vip', points: 100 });
    expect(preview.rows[0]).toMatchObject({ remoteId: '1001', subject: 'Question about sizes', customer: 'Vera VIP' });
    expect(service.settingsView().customized).toBe(false);
  });

  it('fills smart on rows and leaves solved cases without waiting points', () => {
    service.refreshStale();
    db.prepare("UPDATE cases SET queue = 'solved', status = 'solved' WHERE id = 1").run();
    const rows = service.fill([{ id: 1 } as never, { id: 2 } as never]) as { id: number; smart: { reasons: { kind: string }[] } }[];
    expect(rows[0]!.smart.reasons.map((r) => r.kind)).toEqual(['tier', 'lifetime_value']);
    expect(rows[1]!.smart.reasons.length).toBeGreaterThan(0);
  });
});

describe('RoutingService', () => {
  const presence = (agents: { agentId: string; name: string; status: 'available' | 'away' | 'offline' }[]): PresenceView => ({
    configured: true,
    connection: { state: 'connected', error: null, nextRetryAt: null },
    me: null,
    agents: agents.map((a) => ({ ...a, currentCaseId: null, at: NOW })),
    cases: {},
  });

  beforeEach(() => {
    db.prepare("INSERT INTO groups (id, account_id, remote_id, name) VALUES (1, 1, 'g1', 'Billing'), (2, 1, 'g2', 'Shipping')").run();
    db.prepare(
      "INSERT INTO agents (id, account_id, remote_id, name, email, role, active) VALUES (1, 1, 'a1', 'Ana', 'ana@x', 'agent', 1), (2, 1, 'a2', 'Ben', 'ben@x', 'agent', 1), (3, 1, 'a3', 'Cy', 'cy@x', 'agent', 1), (4, 1, 'a4', 'Gone', 'gone@x', 'agent', 0)",
    ).run();
    // Ben worked billing before (a solved case); Ana has three open cases in shipping; Cy none.
    addCase(10, 'old billing question', 2, { queue: 'solved', groupId: 1, assigneeId: 2 });
    for (const id of [11, 12, 13]) addCase(id, 'parcel', 2, { groupId: 2, assigneeId: 1 });
    addCase(20, 'Refund please', 1, { groupId: 1 });
  });

  it('ranks by group match, load and availability, with reasons; inactive agents are left out', () => {
    const routing = new RoutingService(db, () =>
      presence([
        { agentId: 'ana@x', name: 'Ana', status: 'available' },
        { agentId: 'ben@x', name: 'Ben', status: 'available' },
        { agentId: 'cy@x', name: 'Cy', status: 'away' },
      ]),
    );
    const view = routing.suggest(20)!;
    expect(view.group).toEqual({ id: 1, name: 'Billing' });
    expect(view.suggestions.map((s) => [s.agent.name, s.score])).toEqual([
      ['Ben', 50],
      ['Ana', 11],
      ['Cy', -10],
    ]);
    expect(view.suggestions[0]!.reasons).toEqual([
      { kind: 'group_history', detail: 'Billing', points: 30 },
      { kind: 'available', detail: null, points: 20 },
      { kind: 'load', detail: '0', points: 0 },
    ]);
    expect(view.suggestions[1]!.openAssigned).toBe(3);
    expect(routing.suggest(999)).toBeNull();
  });

  it('without presence configured, availability is unknown and adds nothing', () => {
    const routing = new RoutingService(db, () => ({ configured: false, connection: { state: 'unavailable', error: null, nextRetryAt: null }, me: null, agents: [], cases: {} }));
    const view = routing.suggest(20)!;
    expect(view.suggestions.map((s) => s.agent.name)).toEqual(['Ben', 'Cy', 'Ana']);
    expect(view.suggestions[1]!.reasons.map((r) => r.kind)).toEqual(['load', 'presence_unknown']);
    expect(view.suggestions[1]!.status).toBeNull();
  });
});
