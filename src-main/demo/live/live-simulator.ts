// Drives live traffic on a timer (jittered, deterministic from the seed) or on demand for tests.
import { Rng } from '../random/prng';
import type { HelpdeskStore } from '../store/helpdesk-store';
import { ACTION_WEIGHTS, LiveActions, type LiveChange, type LiveChangeKind } from './live-actions';
import { applyTeammateUpdate, type TeammateUpdate, type TeammateUpdateResult } from './teammate-update';

export interface LiveControl {
  /**
   * Forces `n` live changes now (default 1) and returns them; with `kind`, `n` changes of that
   * kind (fewer when none applies, e.g. no unsolved ticket to reply on).
   */
  step(n?: number, kind?: LiveChangeKind): LiveChange[];
  /**
   * A teammate changes the ticket now (one audit, always), so a client's updated_stamp goes
   * stale. Throws on an unknown ticket or values PUT would refuse (e.g. a closed ticket).
   */
  teammateUpdate(ticketId: number, update?: TeammateUpdate): TeammateUpdateResult;
  /**
   * Deletes the ticket now (404 everywhere but the incremental ticket export, where it appears
   * again with status "deleted"). Throws UnknownTicketError for unknown or deleted tickets.
   */
  deleteTicket(ticketId: number): { ticketId: number; deletedAt: number };
  start(): void;
  stop(): void;
  readonly running: boolean;
  readonly intervalMs: number;
}

export const DEFAULT_LIVE_INTERVAL_MS = 3000;
/** Share of live changes that delete a (spam) ticket, when deletions are on. */
export const LIVE_DELETE_PROBABILITY = 0.01;

export class LiveSimulator implements LiveControl {
  private readonly actions: LiveActions;
  private readonly rng: Rng;
  private readonly timerRng: Rng;
  /** Its own stream, so the other changes come in the same order with deletions on or off. */
  private readonly deleteRng: Rng;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: HelpdeskStore,
    readonly intervalMs: number = DEFAULT_LIVE_INTERVAL_MS,
    private readonly deletions = true,
  ) {
    this.rng = Rng.derive(store.seed, 'live');
    this.timerRng = Rng.derive(store.seed, 'live-timer');
    this.deleteRng = Rng.derive(store.seed, 'live-delete');
    this.actions = new LiveActions(store, this.rng);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  step(n = 1, only?: LiveChangeKind): LiveChange[] {
    const changes: LiveChange[] = [];
    for (let i = 0; i < n; i++) {
      if (only !== undefined) {
        const change = this.actions.run(only);
        if (change) changes.push(change);
        continue;
      }
      const deletion = this.deletions && this.deleteRng.chance(LIVE_DELETE_PROBABILITY) ? this.actions.deleteSpam() : null;
      if (deletion) {
        changes.push(deletion);
        continue;
      }
      const kind = this.rng.weighted(ACTION_WEIGHTS);
      changes.push(this.actions.run(kind) ?? this.actions.newTicket());
    }
    return changes;
  }

  teammateUpdate(ticketId: number, update?: TeammateUpdate): TeammateUpdateResult {
    return applyTeammateUpdate(this.store, ticketId, update);
  }

  deleteTicket(ticketId: number): { ticketId: number; deletedAt: number } {
    return this.store.deleteTicket(ticketId);
  }

  start(): void {
    if (this.timer) return;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const delay = Math.round(this.intervalMs * (0.5 + this.timerRng.next()));
    this.timer = setTimeout(() => {
      try {
        this.step(1);
      } catch (error) {
        process.stderr.write(`demo live mode: ${String(error)}\n`);
      }
      if (this.timer) this.schedule();
    }, delay);
    this.timer.unref();
  }
}
