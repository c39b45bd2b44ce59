// What simulated teammates do on their own while the demo runs live: now and then one visits an
// open ticket (views, maybe types, maybe replies, leaves), and when a person opens a case, a
// teammate sometimes comes to the same case a few seconds later, so one person alone sees
// collisions. Choices come from the seed; timers are unref'd. Every delay is a number of beats
// (default one second), so tests and slow live intervals scale it.
import type { PresenceBroker } from '../presence-broker';
import { Rng } from '../random/prng';
import type { HelpdeskStore } from '../store/helpdesk-store';
import { casePresenceFilterOf, parseCasePresenceTopic } from './presence-wire';
import type { TeammatePresence } from './teammate-presence';

export interface TeammateBehaviourOptions {
  /** The unit of every simulated delay (ms). */
  beatMs: number;
  /** Chance that a teammate follows a person onto a case they open (0–1). */
  followProbability: number;
  /** Average beats between background visits (0: none). */
  visitEveryBeats: number;
}

type VisitKind = 'background' | 'follow';

/** Chances of each step of a visit: someone following a person is there to work on the case. */
const TYPES: Readonly<Record<VisitKind, number>> = { background: 0.4, follow: 0.7 };
const REPLIES = 0.5;
const AWAY_FLIPS = 0.1;

export class TeammateBehaviour {
  private readonly rng: Rng;
  private readonly timerRng: Rng;
  /** One script timer per teammate on a visit, and the pending follow-ups. */
  private readonly scripts = new Map<string, NodeJS.Timeout>();
  private readonly followUps = new Set<NodeJS.Timeout>();
  /** Steps under way, so a stop can wait for them before clearing what they published. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** People on each case (case key → agent ids), as their case presence says. */
  private readonly people = new Map<string, Set<string>>();
  private background: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly team: TeammatePresence,
    private readonly store: HelpdeskStore,
    private readonly broker: PresenceBroker,
    private readonly workspace: string,
    private readonly options: TeammateBehaviourOptions,
  ) {
    this.rng = Rng.derive(store.seed, 'teammate-behaviour');
    this.timerRng = Rng.derive(store.seed, 'teammate-behaviour-timer');
  }

  get running(): boolean {
    return this.unsubscribe !== null;
  }

  start(): void {
    if (this.running) return;
    this.unsubscribe = this.broker.subscribe(casePresenceFilterOf(this.workspace), (topic, payload) => this.heard(topic, payload));
    this.scheduleBackground();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.background) clearTimeout(this.background);
    this.background = null;
    for (const timer of this.followUps) clearTimeout(timer);
    this.followUps.clear();
    this.cancel();
    this.people.clear();
  }

  /** Resolves when the steps under way have finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Ends the script of `email` (default: everyone's), e.g. when a test takes over. */
  cancel(email?: string): void {
    for (const [who, timer] of this.scripts) {
      if (email !== undefined && who !== email) continue;
      clearTimeout(timer);
      this.scripts.delete(who);
    }
  }

  private heard(topic: string, payload: Buffer): void {
    const parsed = parseCasePresenceTopic(this.workspace, topic);
    if (!parsed || this.team.isSimulated(parsed.agentId)) return;
    const here = this.people.get(parsed.caseKey) ?? new Set<string>();
    if (payload.length === 0) {
      here.delete(parsed.agentId);
      if (here.size === 0) this.people.delete(parsed.caseKey);
      return;
    }
    if (here.has(parsed.agentId)) return; // a heartbeat or a change of activity, not an arrival
    here.add(parsed.agentId);
    this.people.set(parsed.caseKey, here);
    const ticketId = this.team.ticketIdOf(parsed.caseKey);
    if (ticketId === null || !this.rng.chance(this.options.followProbability)) return;
    const timer = setTimeout(() => {
      this.followUps.delete(timer);
      // Only if the person is still there and no teammate already is.
      if (!this.people.get(parsed.caseKey)?.has(parsed.agentId) || this.team.onTicket(ticketId).length > 0) return;
      this.visit(ticketId, 'follow');
    }, this.beats(2, 6));
    timer.unref();
    this.followUps.add(timer);
  }

  private scheduleBackground(): void {
    if (!(this.options.visitEveryBeats > 0)) return;
    const delay = Math.round(this.options.visitEveryBeats * this.options.beatMs * (0.5 + this.timerRng.next()));
    this.background = setTimeout(() => {
      this.backgroundStep();
      if (this.running) this.scheduleBackground();
    }, delay);
    this.background.unref();
  }

  private backgroundStep(): void {
    if (this.rng.chance(AWAY_FLIPS)) {
      // Someone steps away, or comes back; never in the middle of a visit.
      const emails = this.team.emails.filter((email) => !this.scripts.has(email) && !this.team.activities().some((a) => a.email === email));
      if (emails.length === 0) return;
      const email = this.rng.pick(emails);
      void this.team.setStatus(email, this.team.freeTeammates().includes(email) ? 'away' : 'available').catch(() => undefined);
      return;
    }
    const { unsolved } = this.store;
    if (unsolved.size === 0) return;
    const ticketId = unsolved.at(this.rng.int(unsolved.size));
    if (ticketId !== undefined && this.team.onTicket(ticketId).length === 0) this.visit(ticketId, 'background');
  }

  /** A free teammate views the ticket, then maybe types, maybe replies, and leaves. */
  private visit(ticketId: number, kind: VisitKind): void {
    const free = this.team.freeTeammates().filter((email) => !this.scripts.has(email));
    if (free.length === 0) return;
    const email = this.rng.pick(free);
    const types = this.rng.chance(TYPES[kind]);
    const replies = types && this.rng.chance(REPLIES);
    const steps: { afterBeats: [number, number]; run: () => Promise<unknown> }[] = [{ afterBeats: [0, 0], run: () => this.team.act(ticketId, email, 'viewing') }];
    // A person reads a while before typing, and types a while: long enough to be noticed.
    if (types) steps.push({ afterBeats: [3, 8], run: () => this.team.act(ticketId, email, 'typing') });
    if (replies) steps.push({ afterBeats: [6, 15], run: () => this.team.replyNow(ticketId, { email }) });
    else if (types) steps.push({ afterBeats: [6, 15], run: () => this.team.act(ticketId, email, 'viewing') });
    steps.push({ afterBeats: [8, 20], run: () => this.team.leaveNow(ticketId, email) });
    this.runSteps(email, ticketId, steps);
  }

  private runSteps(email: string, ticketId: number, steps: { afterBeats: [number, number]; run: () => Promise<unknown> }[]): void {
    const [step, ...rest] = steps;
    if (!step) {
      this.scripts.delete(email);
      return;
    }
    const timer = setTimeout(() => {
      const running = step.run();
      this.inFlight.add(running);
      void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
      running.then(
        () => {
          if (this.scripts.get(email) === timer) this.runSteps(email, ticketId, rest);
        },
        // The ticket closed meanwhile, or the broker is closing: the visit ends.
        () => {
          if (this.scripts.get(email) !== timer) return;
          this.scripts.delete(email);
          void this.team.leaveNow(ticketId, email).catch(() => undefined);
        },
      );
    }, this.beats(...step.afterBeats));
    timer.unref();
    this.scripts.set(email, timer);
  }

  private beats(min: number, max: number): number {
    return Math.round((min + (max - min) * this.timerRng.next()) * this.options.beatMs);
  }
}
