import type { InboxRow } from '../../../src-shared/contract/models';
import type { SlaTarget } from '../../../src-shared/contract/sla';
import { clockStateAt } from './sla-clock';

// When to tell the agent that one of their cases is at risk: once per case, target and due time,
// when the clock passes its `atRiskAt` (computed here from the clock, not waiting for core), and
// never again for the same one, across reloads (the log below remembers what was told).

/** A running clock on one of my cases. */
export interface WatchedClock {
  caseId: number;
  accountId: number;
  remoteId: string;
  subject: string;
  customerName: string | null;
  target: SlaTarget;
  dueAt: number;
  atRiskAt: number;
}

/** Every running clock (not paused, not met) of these rows, with its due and at-risk times. */
export function watchedClocks(rows: readonly InboxRow[]): WatchedClock[] {
  const out: WatchedClock[] = [];
  for (const row of rows) {
    for (const clock of row.sla?.clocks ?? []) {
      if (clock.state === 'paused' || clock.state === 'met' || clock.dueAt === null || clock.atRiskAt === null) continue;
      out.push({
        caseId: row.id,
        accountId: row.accountId,
        remoteId: row.remoteId,
        subject: row.subject,
        customerName: row.customer?.name || null,
        target: clock.target,
        dueAt: clock.dueAt,
        atRiskAt: clock.atRiskAt,
      });
    }
  }
  return out;
}

/** One notification per case + target + due time: a due time moved by core is a new one. */
export function notificationKey(clock: Pick<WatchedClock, 'accountId' | 'remoteId' | 'target' | 'dueAt'>): string {
  return `${clock.accountId}:${clock.remoteId}:${clock.target}:${clock.dueAt}`;
}

export interface NotificationPlan {
  /** Clocks at risk now and not told yet. */
  fire: WatchedClock[];
  /** The earliest upcoming `atRiskAt` not told yet (when to look again), or null. */
  wakeAt: number | null;
}

/**
 * What to tell now and when to look again. A clock already breached when first seen is not told
 * (the badge shows it red; "at risk" would be wrong), nor is one told before.
 */
export function planNotifications(clocks: readonly WatchedClock[], now: number, told: (key: string) => boolean): NotificationPlan {
  const fire: WatchedClock[] = [];
  let wakeAt: number | null = null;
  for (const clock of clocks) {
    if (told(notificationKey(clock))) continue;
    const state = clockStateAt({ target: clock.target, policyId: 0, dueAt: clock.dueAt, atRiskAt: clock.atRiskAt, state: 'ok' }, now);
    if (state === 'at_risk') fire.push(clock);
    else if (state === 'ok' && (wakeAt === null || clock.atRiskAt < wakeAt)) wakeAt = clock.atRiskAt;
  }
  // In the order they went at risk: when several are told at once (the app was away), the last
  // told (the one the status bar shows) is the one that went at risk last.
  fire.sort((a, b) => a.atRiskAt - b.atRiskAt || a.dueAt - b.dueAt);
  return { fire, wakeAt };
}

/** The part of `Storage` the log uses (localStorage, or a stand-in in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export const NOTIFIED_STORAGE_KEY = 'shiftdesk.sla.notified';
/** Entries are kept until this long after their due time, then forgotten. */
const KEEP_AFTER_DUE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 2000;

/**
 * Which at-risk notifications were given: key → due time, in localStorage. Read again before every
 * check, so two windows of the app on one profile do not both tell.
 */
export class NotifiedLog {
  constructor(
    private readonly store: KeyValueStore | null,
    private readonly clock: () => number = Date.now,
  ) {}

  private memory: Record<string, number> = {};

  private read(): Record<string, number> {
    if (!this.store) return this.memory;
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(NOTIFIED_STORAGE_KEY) ?? '{}');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ...this.memory };
      const entries = Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
      return { ...this.memory, ...Object.fromEntries(entries) };
    } catch {
      return { ...this.memory };
    }
  }

  has(key: string): boolean {
    return key in this.read();
  }

  /** Remembers a notification (before it is shown: a crash in between costs one, never a repeat). */
  add(key: string, dueAt: number): void {
    const now = this.clock();
    const kept = Object.entries(this.read())
      .filter(([, due]) => due + KEEP_AFTER_DUE_MS > now)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_ENTRIES - 1);
    const next = { ...Object.fromEntries(kept), [key]: dueAt };
    this.memory = next;
    if (!this.store) return;
    try {
      this.store.setItem(NOTIFIED_STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or refused: remembered for this session only (this.memory).
    }
  }
}

/** Looks again at least this often, so a sleeping computer or a changed system clock cannot delay a notice for long. */
export const MAX_WAIT_MS = 60_000;

/**
 * Watches my cases' clocks and tells each one that goes at risk, once: at once for those at risk
 * already, then by a timer to the earliest upcoming `atRiskAt`, re-armed whenever the cases change.
 */
export class AtRiskWatcher {
  private clocks: WatchedClock[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly log: Pick<NotifiedLog, 'has' | 'add'>,
    private readonly tell: (clock: WatchedClock, key: string, now: number) => void,
  ) {}

  /** New data about my cases (a refetch after a change core announced). */
  update(rows: readonly InboxRow[]): void {
    this.clocks = watchedClocks(rows);
    this.check();
  }

  /** Tells what is due now and arms the timer for the next one. */
  check(): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    const plan = planNotifications(this.clocks, now, (key) => this.log.has(key));
    for (const clock of plan.fire) {
      const key = notificationKey(clock);
      this.log.add(key, clock.dueAt);
      this.tell(clock, key, now);
    }
    if (this.clocks.length === 0) return; // nothing to wait for until new data comes
    const wait = plan.wakeAt === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, plan.wakeAt - now));
    this.timer = setTimeout(() => this.check(), wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
