import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxRow } from '../../../src-shared/contract/models';
import type { CaseSlaClock } from '../../../src-shared/contract/sla';
import { AtRiskWatcher, NOTIFIED_STORAGE_KEY, NotifiedLog, notificationKey, planNotifications, watchedClocks, type WatchedClock } from '../../../src-renderer/features/sla/notify-plan';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 23, 12, 0);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function row(id: number, clocks: CaseSlaClock[]): InboxRow {
  return {
    id,
    accountId: 1,
    remoteId: String(1000 + id),
    channel: 'email',
    subject: `Case ${id}`,
    snippet: '',
    status: 'open',
    priority: 'normal',
    assignee: { id: 7, name: 'Jordan Lee' },
    group: null,
    customer: { id: 3, name: 'Ada' },
    tags: [],
    createdAt: START - 60 * MIN,
    updatedAt: START - 60 * MIN,
    waitingSince: START - 60 * MIN,
    messageCount: 1,
    csat: null,
    pending: false,
    sla: { next: clocks[0] ?? null, clocks },
  };
}

/** A running clock that turns at risk `riskIn` minutes from START and breaches 15 minutes later. */
const running = (riskIn: number, target: CaseSlaClock['target'] = 'first_reply'): CaseSlaClock => ({
  target,
  policyId: 1,
  atRiskAt: START + riskIn * MIN,
  dueAt: START + (riskIn + 15) * MIN,
  state: riskIn <= 0 ? 'at_risk' : 'ok',
});

describe('planning at-risk notifications', () => {
  it('fires clocks at risk now, skips breached and told ones, and wakes at the next atRiskAt', () => {
    const clocks = watchedClocks([
      row(1, [running(-5)]), // at risk now
      row(2, [running(-20)]), // breached 5 min ago
      row(3, [running(10)]), // at risk in 10 min
      row(4, [running(30), { target: 'next_reply', policyId: 1, dueAt: null, atRiskAt: null, state: 'paused' }]),
      row(5, [running(-1)]), // at risk, told already
    ]);
    const told = new Set([notificationKey(clocks.find((c) => c.caseId === 5)!)]);
    const plan = planNotifications(clocks, START, (k) => told.has(k));
    expect(plan.fire.map((c) => c.caseId)).toEqual([1]);
    expect(plan.wakeAt).toBe(START + 10 * MIN);
  });

  it('keys by case, target and due time', () => {
    const base: WatchedClock = { caseId: 1, accountId: 2, remoteId: '77', subject: '', customerName: null, target: 'first_reply', dueAt: 5, atRiskAt: 1 };
    expect(notificationKey(base)).toBe('2:77:first_reply:5');
    expect(notificationKey({ ...base, target: 'resolution' })).not.toBe(notificationKey(base));
    expect(notificationKey({ ...base, dueAt: 6 })).not.toBe(notificationKey(base));
  });
});

describe('the at-risk watcher, on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('tells once when the clock passes atRiskAt, with no new data, and never again', () => {
    const storage = memoryStorage();
    const told: string[] = [];
    const watcher = new AtRiskWatcher(new NotifiedLog(storage), (clock) => told.push(`${clock.caseId}:${clock.target}`));
    const rows = [row(1, [running(10)]), row(2, [running(25, 'resolution')])];
    watcher.update(rows);
    expect(told).toEqual([]);

    vi.advanceTimersByTime(10 * MIN - 1);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual(['1:first_reply']);

    // Core refetches (same clocks): nothing new. Time passes: the second case turns at risk.
    watcher.update(rows);
    vi.advanceTimersByTime(15 * MIN);
    expect(told).toEqual(['1:first_reply', '2:resolution']);
    vi.advanceTimersByTime(60 * MIN);
    watcher.update(rows);
    expect(told).toHaveLength(2);
    watcher.stop();
  });

  it('does not repeat after a reload (the log is in storage), but tells a moved due time again', () => {
    const storage = memoryStorage();
    const first: number[] = [];
    const before = new AtRiskWatcher(new NotifiedLog(storage), (clock) => first.push(clock.caseId));
    before.update([row(1, [running(-2)])]);
    expect(first).toEqual([1]);
    before.stop();
    expect(storage.data.get(NOTIFIED_STORAGE_KEY)).toContain('1:1001:first_reply:');

    const after: number[] = [];
    const reloaded = new AtRiskWatcher(new NotifiedLog(storage), (clock) => after.push(clock.caseId));
    reloaded.update([row(1, [running(-2)])]);
    vi.advanceTimersByTime(5 * MIN);
    expect(after).toEqual([]);

    // The reply came and the customer wrote again: a new first… here, a new due time for the same target.
    reloaded.update([row(1, [running(-1)])]);
    expect(after).toEqual([1]);
    reloaded.stop();
  });

  it('re-arms on new data: an earlier atRiskAt arriving later still fires on time', () => {
    const told: number[] = [];
    const watcher = new AtRiskWatcher(new NotifiedLog(memoryStorage()), (clock) => told.push(clock.caseId));
    watcher.update([row(1, [running(50)])]);
    vi.advanceTimersByTime(MIN);
    watcher.update([row(1, [running(49)]), row(2, [running(4)])]); // times relative to START
    vi.advanceTimersByTime(3 * MIN - 1);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([2]);
    watcher.stop();
    vi.advanceTimersByTime(60 * MIN);
    expect(told).toEqual([2]);
  });

  it('forgets entries a week after their due time and survives broken storage', () => {
    const storage = memoryStorage();
    storage.data.set(NOTIFIED_STORAGE_KEY, '{"old":1,"bad":"x"}');
    const log = new NotifiedLog(storage);
    expect(log.has('old')).toBe(true);
    expect(log.has('bad')).toBe(false);
    log.add('new', START);
    expect(JSON.parse(storage.data.get(NOTIFIED_STORAGE_KEY)!)).toEqual({ new: START });

    storage.data.set(NOTIFIED_STORAGE_KEY, 'not json');
    expect(new NotifiedLog(storage).has('new')).toBe(false);
    const refusing = { getItem: () => null, setItem: () => { throw new Error('full'); } };
    const memoryOnly = new NotifiedLog(refusing);
    memoryOnly.add('k', START);
    expect(memoryOnly.has('k')).toBe(true);
  });
});
