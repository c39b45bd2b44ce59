// The shift simulation (docs/shift-simulation.md): one seeded shift against the demo helpdesk and
// a real mosquitto. The agent drives core (a child process, tests/helpers/shift-sim/core-host.ts)
// through the contract as the renderer does; 3–5 teammates work the same cases through the
// helpdesk's API and the broker; the helpdesk produces live customer traffic and faults; the
// agent goes offline, loses the network and has core killed with SIGKILL. At the end everything
// settles and the invariants are checked against the helpdesk's own record (invariants.ts).
//
// The script (which step comes next, on which case, with what) is drawn from the seed alone, so
// `SIM_SEED=n` replays the same shift; how the processes interleave is not scripted, and the
// invariants hold whatever the interleaving.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { presenceSecretKey } from '../../../src-main/core/presence/presence-settings';
import { caseKeyFor } from '../../../src-main/core/presence/topics';
import { DEMO_TOKEN, startDemoServer, type DemoServer, type FaultSpec } from '../../../src-main/demo/index';
import { Rng } from '../../../src-main/demo/random/prng';
import type { MethodId, MethodInput, MethodOutputs } from '../../../src-shared/contract/api';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import type { ViewId } from '../../../src-shared/domain/views';
import { startMosquitto, type Mosquitto } from '../mosquitto';
import { settledAnchor } from '../sync-harness';
import { CallLostError, CoreCallFailed, CoreProcess } from './core-process';
import { checkInvariants, cacheConvergence } from './invariants';
import type { Decision, ShiftCounters, ShiftReport, Shown, ToldAction, Violation } from './ledger';
import { NetCut } from './net-cut';
import { Teammates, type TeammateMove } from './teammates';

export interface ShiftOptions {
  seed: number;
  /** Tickets in the helpdesk (default 40). */
  cases?: number;
  /** Steps of the script (default 40). */
  steps?: number;
  /** A line per step and decision, for replaying a seed. */
  log?: (line: string) => void;
}

type StepKind =
  | 'open'
  | 'reply'
  | 'note'
  | 'tag'
  | 'untag'
  | 'assign'
  | 'solve'
  | 'pending'
  | 'priority'
  | 'draft'
  | 'bulk-tag'
  | 'offline'
  | 'cut'
  | 'kill'
  | 'teammate'
  | 'live'
  | 'fault'
  | 'breathe';

const STEP_WEIGHTS: Record<StepKind, number> = {
  open: 4,
  reply: 10,
  note: 4,
  tag: 6,
  untag: 2,
  assign: 4,
  solve: 4,
  pending: 2,
  priority: 3,
  draft: 4,
  'bulk-tag': 2,
  offline: 3,
  cut: 1,
  kill: 3,
  teammate: 18,
  live: 8,
  fault: 5,
  breathe: 6,
};

const TEAMMATE_MOVES: Record<TeammateMove, number> = { reply: 5, note: 2, solve: 3, pending: 1, reopen: 1, assign: 2, tag: 2, untag: 1, priority: 1, view: 2, type: 2, leave: 1 };

/** Faults the helpdesk answers the agent's requests with (never the teammates'). */
const FAULTS: readonly Omit<FaultSpec, 'userEmail'>[] = [
  { route: 'tickets/update', kind: 'status', status: 409 },
  { route: 'tickets/update', kind: 'status', status: 500 },
  { route: 'tickets/update', kind: 'status', status: 503, retryAfter: 1 },
  { route: 'tickets/update', kind: 'status', status: 429, retryAfter: 1 },
  { route: 'tickets/update', kind: 'reset' },
  // Applied, but the answer was lost: the outbox must find it in the audits, not send it twice.
  { route: 'tickets/update', kind: 'truncated-json' },
  { pathPattern: '/api/v2/incremental/', kind: 'status', status: 500 },
  { pathPattern: '/api/v2/incremental/', kind: 'status', status: 429, retryAfter: 1 },
  { pathPattern: '/comments', kind: 'reset' },
];

const VIEWS: readonly ViewId[] = ['all_open', 'mine', 'unassigned', 'pending', 'on_hold'];
const SORTS = ['newest', 'oldest_waiting', 'priority', 'recently_updated', 'next_breach', 'smart'] as const;
/** A draft that may not exist (its deletion may have been lost to a crash). */
const NO_DRAFT = '\u0000no draft';
const BROKER_PASSWORD = (email: string) => `pw-${email}`;

/** The part of a case queue review (`outbox:review`, where the contract has it) the agent reads. */
interface ReviewView {
  remote: { version: string | null };
  actions: { item: { id: string }; verdict: string; news: NewsItem[] }[];
}

type NewsItem =
  | { kind: 'message'; message: { id: number; remoteId: string } }
  | { kind: 'field'; field: string; to: string | null }
  | { kind: 'event'; event: { agentId: string; kind: string; actionId: string } };

/** The key a decision names a shown news item by (the contract's `newsKey`). */
function newsKeyOf(item: NewsItem): string {
  if (item.kind === 'message') return `message:${item.message.id}`;
  if (item.kind === 'field') return `field:${item.field}:${item.to ?? ''}`;
  return `event:${item.event.agentId.toLowerCase()}:${item.event.kind}:${item.event.actionId}`;
}

/** Resolves when `probe` returns something truthy; null after `timeoutMs` (a bounded wait, never an assertion). */
export async function waitUntil<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs: number, everyMs = 50): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Shift {
  readonly seed: number;
  /** Which step comes next: from the seed alone. */
  private readonly script: Rng;
  /** The current step's own choices (case, text, fault…): a stream per step, so a choice that depends on what the agent sees never shifts the later steps. */
  private r: Rng;
  private readonly choices: Rng;
  private readonly log: (line: string) => void;
  readonly counters: ShiftCounters = { steps: 0, actions: 0, conflicts: 0, kills: 0, teammateMoves: 0, liveChanges: 0, faults: 0, offline: 0, cuts: 0, sendStops: 0 };
  readonly violations: Violation[] = [];
  readonly told = new Map<string, ToldAction>();
  /** caseId → the draft bodies it may hold (more than one while a save was lost to a crash; NO_DRAFT: none). */
  readonly drafts = new Map<number, Set<string>>();
  /** Cases left out of the SLA check: their channel is a via id no client can map. */
  readonly slaUnknowable = new Set<number>();
  /** Queue calls whose answer a crash swallowed: each may or may not have queued its actions. */
  lostActions = 0;

  demo!: DemoServer;
  private mosquitto!: Mosquitto;
  private helpdeskRelay!: NetCut;
  private brokerRelay!: NetCut;
  private teammates!: Teammates;
  core!: CoreProcess;
  private dir!: string;
  dbPath!: string;
  accountUrl!: string;
  private brokerUrl!: string;
  private ro: Database.Database | null = null;
  /** Comments from here on were written during the shift (everything older was synced first). */
  startedAt = 0;
  private focus: number[] = [];
  private workingOffline = false;
  private killDuringNextAction: number | null = null;
  private draftsToCheck = false;
  private step = 0;
  private seq = 0;

  constructor(private readonly options: ShiftOptions) {
    this.seed = options.seed;
    this.script = Rng.derive(options.seed, 'shift-script');
    this.r = Rng.derive(options.seed, 'shift-setup');
    this.choices = Rng.derive(options.seed, 'shift-choices');
    this.log = options.log ?? (() => undefined);
  }

  get me(): string {
    return this.demo.dataset.meAgent.email!;
  }

  private coreData() {
    return {
      dbPath: this.dbPath,
      secrets: 'memory' as const,
      // Tokens live in the keychain; this shell's keychain is core's memory, so a restart is given them again.
      seedSecrets: { 'account:1:token': DEMO_TOKEN, [presenceSecretKey({ brokerUrl: this.brokerUrl, username: this.me })]: BROKER_PASSWORD(this.me) },
      followIntervalMs: 250,
    };
  }

  async setUp(): Promise<void> {
    const cases = this.options.cases ?? 40;
    this.demo = await startDemoServer({ seed: this.seed, cases, anchorTime: settledAnchor(), exportLagMs: 0 });
    const teammateUsers = Teammates.pick(this.demo, 3 + this.r.int(3), this.r);
    const users = Object.fromEntries([this.me, ...teammateUsers.map((u) => u.email!)].map((email) => [email, BROKER_PASSWORD(email)]));
    this.mosquitto = await startMosquitto({ users });
    this.helpdeskRelay = await NetCut.relay(Number(new URL(this.demo.url).port));
    this.brokerRelay = await NetCut.relay(this.mosquitto.port);
    this.accountUrl = `http://127.0.0.1:${this.helpdeskRelay.port}`;
    this.brokerUrl = `mqtt://127.0.0.1:${this.brokerRelay.port}`;
    this.dir = mkdtempSync(join(tmpdir(), 'shiftdesk-shift-'));
    this.dbPath = join(this.dir, 'profile.db');
    this.core = await CoreProcess.start(this.coreData());
    this.log(`core started (pid ${this.core.pid})`);
    await this.core.call('accounts:add', { kind: 'zendesk', baseUrl: this.accountUrl, email: this.me, token: DEMO_TOKEN, name: 'Helpdesk' });
    await this.core.call('presence:settings:set', { brokerUrl: this.brokerUrl, username: this.me, workspace: `shift-${this.seed}`, password: BROKER_PASSWORD(this.me) });
    const synced = await waitUntil(async () => (await this.core.call('sync:status', {})).some((s) => s.historyComplete && s.searchPending === 0), 60_000, 100);
    if (!synced) throw new Error(`seed ${this.seed}: the first sync did not finish`);
    this.log('first sync done');
    const caseKey = (ticketId: number) => caseKeyFor(this.accountUrl, String(ticketId));
    // Teammates reach the broker directly: only this agent's network is cut.
    this.teammates = await Teammates.join({ demo: this.demo, users: teammateUsers, brokerUrl: this.mosquitto.url, workspace: `shift-${this.seed}`, passwordOf: BROKER_PASSWORD, caseKey });
    const unsolved = this.demo.dataset.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status)).map((t) => t.id);
    this.focus = this.r.shuffle(unsolved).slice(0, 6);
    this.startedAt = Math.floor(Date.now() / 1000) * 1000 - 1000;
  }

  async tearDown(): Promise<void> {
    this.ro?.close();
    this.ro = null;
    await this.core?.kill().catch(() => undefined);
    await this.teammates?.close().catch(() => undefined);
    await this.helpdeskRelay?.close().catch(() => undefined);
    await this.brokerRelay?.close().catch(() => undefined);
    await this.mosquitto?.stop().catch(() => undefined);
    await this.demo?.close().catch(() => undefined);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** A read-only look at core's database, for what the checks read beside the contract. */
  db(): Database.Database {
    this.ro ??= new Database(this.dbPath, { readonly: true, fileMustExist: true });
    return this.ro;
  }

  private violation(invariant: Violation['invariant'], detail: string): void {
    this.violations.push({ invariant, detail });
    this.log(`VIOLATION ${invariant}: ${detail}`);
  }

  // --- the shift ---------------------------------------------------------------------------------

  async run(): Promise<void> {
    const steps = this.options.steps ?? 40;
    for (this.step = 1; this.step <= steps; this.step++) {
      const kind = this.script.weighted(STEP_WEIGHTS);
      this.r = Rng.derive(this.seed, 'shift-step', this.step);
      this.counters.steps++;
      this.log(`step ${this.step}: ${kind}`);
      await this.runStep(kind);
      if (this.draftsToCheck) {
        this.draftsToCheck = false;
        await this.checkDrafts('after a crash');
      }
      await this.review(false);
      // A moment for sync, the outbox and the broker to interleave with the next step.
      await pause(this.r.int(40));
    }
  }

  private async runStep(kind: StepKind): Promise<void> {
    switch (kind) {
      case 'open':
        await this.openCase();
        return;
      case 'reply':
      case 'note':
        return this.compose(kind === 'reply');
      case 'draft':
        return this.draftOnly();
      case 'tag':
        return this.act(() => ({ addTags: [`sim-${this.seed}-${++this.seq}`] }));
      case 'untag':
        return this.act((detail) => (detail.tags.length > 0 ? { removeTags: [this.r.pick(detail.tags)] } : null));
      case 'assign':
        return this.assign();
      case 'solve':
        return this.act(() => ({ status: 'solved' }));
      case 'pending':
        return this.act(() => ({ status: 'pending' }));
      case 'priority':
        return this.act(() => ({ priority: this.r.pick(['urgent', 'high', 'normal', 'low'] as const) }));
      case 'bulk-tag':
        return this.bulkTag();
      case 'offline':
        return this.toggleOffline();
      case 'cut':
        return this.toggleCut();
      case 'kill':
        if (this.counters.kills >= 2) return;
        if (this.r.chance(0.5)) {
          await this.crashAndRestart();
        } else {
          // The next action is interrupted: core dies while (or just after) it answers.
          this.killDuringNextAction = this.r.int(25);
        }
        return;
      case 'teammate':
        return this.teammateMove();
      case 'live': {
        const changes = this.demo.live.step(1 + this.r.int(2));
        this.counters.liveChanges += changes.length;
        this.log(`  live: ${changes.map((c) => `${c.kind} #${c.ticketId}`).join(', ')}`);
        return;
      }
      case 'fault': {
        const fault = this.r.pick(FAULTS);
        this.demo.faults.add({ ...fault, userEmail: this.me });
        this.counters.faults++;
        this.log(`  fault: ${JSON.stringify(fault)}`);
        return;
      }
      case 'breathe':
        await this.breathe();
        return;
    }
  }

  /** Lets the outbox drain (when it can) or a little time pass. */
  private async breathe(): Promise<void> {
    if (this.workingOffline || this.helpdeskRelay.cut) {
      await pause(100);
      return;
    }
    await waitUntil(async () => {
      const status = await this.call('network:status', {});
      return status !== null && status.outbox.queued + status.outbox.sending === 0;
    }, 1000, 50);
  }

  /** A contract call that survives core's death (null: lost to a crash, or refused). */
  private async call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M] | null> {
    try {
      return await this.core.call(method, input);
    } catch (error) {
      if (error instanceof CallLostError || error instanceof CoreCallFailed) {
        this.log(`  ${method}: ${(error as Error).message}`);
        return null;
      }
      throw error;
    }
  }

  private caseIdOf(ticketId: number): number | null {
    return (this.db().prepare('SELECT id FROM cases WHERE account_id = 1 AND remote_id = ? AND synced = 1').pluck().get(String(ticketId)) as number | undefined) ?? null;
  }

  /** The case the agent turns to: one of the cases the team is busy with, or one from a view. */
  private async pickCase(): Promise<number | null> {
    if (this.r.chance(0.65)) {
      const id = this.caseIdOf(this.r.pick(this.focus));
      if (id !== null) return id;
    }
    const page = await this.call('inbox:list', { view: this.r.pick(VIEWS), sort: this.r.pick(SORTS), limit: 50 });
    const rows = (page as { rows: { id: number }[] } | null)?.rows ?? [];
    if (rows.length === 0) return null;
    return this.r.pick(rows).id;
  }

  /** Opens a case as the renderer does: the detail, and "viewing" on the broker. */
  private async openCase(): Promise<{ id: number; tags: string[]; remoteId: string } | null> {
    const caseId = await this.pickCase();
    if (caseId === null) return null;
    const detail = (await this.call('cases:get', { id: caseId })) as { id: number; tags: string[]; remoteId: string } | null;
    if (!detail) return null;
    await this.call('presence:setActivity', { caseId, activity: 'viewing' });
    this.log(`  open case ${caseId} (#${detail.remoteId})`);
    return detail;
  }

  /** The outbox's base for an action and the thread in the cache when it was queued. */
  private shownAtQueue(actionId: string, caseId: number): Shown {
    const db = this.db();
    const version = (db.prepare('SELECT base_version FROM outbox WHERE id = ?').pluck().get(actionId) as string | null | undefined) ?? null;
    const localId = db.prepare('SELECT id FROM messages WHERE local_action_id = ?').pluck().get(actionId) as number | undefined;
    const ids = db
      .prepare(`SELECT remote_id FROM messages WHERE case_id = ? AND remote_id NOT LIKE 'local:%' AND id < ?`)
      .pluck()
      .all(caseId, localId ?? Number.MAX_SAFE_INTEGER) as string[];
    return { version, commentIds: new Set(ids) };
  }

  private remember(actions: readonly OutboxItemView[], via: ToldAction['via']): void {
    for (const action of actions) {
      if (this.told.has(action.id)) continue;
      this.told.set(action.id, {
        id: action.id,
        caseId: action.caseId,
        ticketId: Number(action.caseRemoteId),
        intent: action.intent,
        via,
        step: this.step,
        shown: this.shownAtQueue(action.id, action.caseId),
        seenStates: new Set(),
        decisions: [],
        discarded: false,
      });
      this.counters.actions++;
      this.log(`  queued ${action.id.slice(0, 8)} on #${action.caseRemoteId}: ${JSON.stringify(action.intent)}`);
    }
  }

  /** A queueing call; with a kill armed, core is SIGKILLed while it runs. */
  private async queueCall<T>(cases: number, run: () => Promise<T>): Promise<T | null> {
    const killAfter = this.killDuringNextAction;
    this.killDuringNextAction = null;
    const killing = killAfter === null ? null : pause(killAfter).then(() => this.core.kill());
    let result: T | null = null;
    try {
      result = await run();
    } catch (error) {
      if (error instanceof CallLostError) this.lostActions += cases;
      else if (!(error instanceof CoreCallFailed)) throw error;
      this.log(`  queue call: ${(error as Error).message}`);
    }
    if (killing) {
      await killing;
      // The drafts are checked after the step, once the agent knows what became of this call.
      await this.restart(false);
    }
    return result;
  }

  private async act(intentFor: (detail: { tags: string[] }) => CaseIntent | null): Promise<void> {
    const detail = await this.openCase();
    if (!detail) return;
    const intent = intentFor(detail);
    if (!intent) return;
    const result = await this.queueCall(1, () => this.core.call('cases:act', { caseIds: [detail.id], intent }));
    if (result) this.remember(result.actions, 'act');
  }

  private async assign(): Promise<void> {
    const directory = await this.call('directory:get', {});
    if (!directory) return;
    const agents = (directory as { agents: { id: number; active: boolean }[]; me: number[] }).agents.filter((a) => a.active);
    const me = (directory as { me: number[] }).me;
    const choice = this.r.chance(0.5) && me.length > 0 ? me[0]! : this.r.chance(0.2) ? null : this.r.pick(agents).id;
    await this.act(() => ({ assigneeId: choice }));
  }

  private async bulkTag(): Promise<void> {
    const ids = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const id = await this.pickCase();
      if (id !== null) ids.add(id);
    }
    if (ids.size === 0) return;
    const intent = { addTags: [`bulk-${this.seed}-${++this.seq}`] };
    const result = await this.queueCall(ids.size, () => this.core.call('cases:act', { caseIds: [...ids], intent }));
    if (result) this.remember(result.actions, 'act');
  }

  /** Types into the composer (a saved draft) and maybe leaves it there. */
  private async draftOnly(): Promise<void> {
    const detail = await this.openCase();
    if (!detail) return;
    await this.saveDraft(detail.id, `Draft ${++this.seq} for #${detail.remoteId}`, this.r.chance(0.8) ? 'reply' : 'note');
  }

  private async saveDraft(caseId: number, body: string, mode: 'reply' | 'note'): Promise<void> {
    await this.call('presence:setActivity', { caseId, activity: 'typing' });
    const before = this.drafts.get(caseId) ?? new Set([NO_DRAFT]);
    const candidates = new Set([body]);
    const saved = await this.call('drafts:save', { caseId, body, mode });
    if (saved === null) {
      // Lost to a crash (or refused): the draft is the old text or the new one.
      for (const b of before) candidates.add(b);
    }
    this.drafts.set(caseId, candidates);
  }

  /** The composer: a reply or note, maybe with a status, through the send-time guard. */
  private async compose(reply: boolean): Promise<void> {
    const detail = await this.openCase();
    if (!detail) return;
    const caseId = detail.id;
    const existing = [...(this.drafts.get(caseId) ?? [])].filter((b) => b !== NO_DRAFT);
    const body = existing.length === 1 && this.r.chance(0.7) ? existing[0]! : `${reply ? 'Reply' : 'Note'} ${++this.seq} on #${detail.remoteId}`;
    // The composer holds the draft; typing for more than half a second saves it (the guard's base).
    if (existing.length > 0 || this.r.chance(0.8)) await this.saveDraft(caseId, body, reply ? 'reply' : 'note');
    const intent: CaseIntent = { comment: { body, public: reply } };
    if (reply && this.r.chance(0.25)) intent.status = this.r.pick(['solved', 'pending'] as const);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await this.queueCall(1, () => this.core.call('cases:send', { caseId, intent }));
      if (!result) {
        // Lost to a crash: queued (the draft went with it) or not (the draft is still there).
        const candidates = this.drafts.get(caseId) ?? new Set([NO_DRAFT]);
        candidates.add(NO_DRAFT);
        this.drafts.set(caseId, candidates);
        return;
      }
      if (result.action) {
        this.drafts.delete(caseId);
        this.remember([result.action], 'send');
        return;
      }
      // Stopped: something arrived while I wrote. It is now shown; the message stays the draft.
      this.counters.sendStops++;
      this.drafts.set(caseId, new Set([body]));
      this.log(`  send stopped on #${detail.remoteId}: ${result.stopped?.news.length ?? 0} news`);
      if (!this.choices.chance(0.7)) return; // keep it as the draft for now
    }
  }

  private async toggleOffline(): Promise<void> {
    this.workingOffline = !this.workingOffline;
    if (this.workingOffline) this.counters.offline++;
    this.log(`  work offline: ${this.workingOffline}`);
    await this.call('network:setOffline', { offline: this.workingOffline });
  }

  private toggleCut(): void {
    if (this.helpdeskRelay.cut) {
      this.helpdeskRelay.restore();
      this.brokerRelay.restore();
      this.log('  network back');
    } else {
      this.helpdeskRelay.cutNow();
      this.brokerRelay.cutNow();
      this.counters.cuts++;
      this.log('  network cut');
    }
  }

  async crashAndRestart(): Promise<void> {
    await this.core.kill();
    await this.restart();
  }

  private async restart(checkDrafts = true): Promise<void> {
    this.counters.kills++;
    this.log('  core killed (SIGKILL); restarting');
    this.core = await CoreProcess.start(this.coreData());
    // "Work offline" is the person's choice: they set it again.
    if (this.workingOffline) await this.call('network:setOffline', { offline: true });
    if (checkDrafts) await this.checkDrafts('after a crash');
    else this.draftsToCheck = true;
  }

  /** Drafts never lost: every draft the agent left is there, word for word. */
  async checkDrafts(when: string): Promise<void> {
    for (const [caseId, bodies] of this.drafts) {
      const draft = await this.call('drafts:get', { caseId });
      if (!draft && bodies.has(NO_DRAFT)) this.drafts.delete(caseId);
      else if (!draft || !bodies.has(draft.body)) {
        this.violation('drafts-kept', `${when}: case ${caseId} should hold the draft ${JSON.stringify([...bodies])}, has ${JSON.stringify(draft?.body ?? null)}`);
        this.drafts.delete(caseId);
      } else this.drafts.set(caseId, new Set([draft.body]));
    }
  }

  private async teammateMove(): Promise<void> {
    const agent = this.r.pick(this.teammates.agents);
    const move = this.r.weighted(TEAMMATE_MOVES);
    const unsolved = this.demo.dataset.tickets().filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));
    const focus = this.focus.filter((id) => this.demo.dataset.ticket(id) !== undefined);
    const ticketId = this.r.chance(0.75) && focus.length > 0 ? this.r.pick(focus) : unsolved.length > 0 ? this.r.pick(unsolved).id : this.r.pick(focus);
    if (ticketId === undefined) return;
    const result = await this.teammates.act(agent, move, ticketId, this.r);
    this.counters.teammateMoves++;
    this.log(`  teammate ${agent.email} ${move} #${ticketId}: ${result.status}`);
  }

  // --- the outbox as the agent sees it -----------------------------------------------------------

  /** Looks at the outbox panel; decides on what waits for a decision (now or later; all at the end). */
  async review(final: boolean): Promise<number> {
    const items = (await this.call('outbox:list', {})) as OutboxItemView[] | null;
    if (!items) return -1;
    for (const item of items) {
      if (!this.told.has(item.id)) this.remember([item], 'recovered');
      const told = this.told.get(item.id)!;
      // Held behind a conflict on its case, in a contract that says so (`hold`): it may need its own decision.
      const held = (item as { hold?: string | null }).hold === 'held';
      if ((item.state === 'queued' || item.state === 'sending') && !held) continue;
      const state = held && item.state === 'queued' ? 'held' : item.state;
      if (!told.seenStates.has(state)) {
        told.seenStates.add(state);
        if (state !== 'failed') this.counters.conflicts++;
        this.log(`  outbox: ${item.id.slice(0, 8)} on #${item.caseRemoteId} is ${state}${item.lastError ? ` (${item.lastError})` : ''}`);
      }
      if (!final && !this.choices.chance(0.6)) continue;
      await this.decide(item, state, told, final);
    }
    return items.length;
  }

  /** Whether core offers the case's queue review (`outbox:review`); learnt at the first try. */
  private reviewSupported: boolean | null = null;

  /**
   * What the conflict dialog shows for a case: core's review of the whole queue when the contract
   * has one, else the case as re-read (`cases:get`). Untyped on purpose: the review is newer than
   * some builds of the contract, and the simulation runs against both.
   */
  private async dialog(caseId: number, actionId: string): Promise<{ shown: Shown; verdict: string | null; shownKeys: string[] | null }> {
    const detail = await this.call('cases:get', { id: caseId });
    const thread = (detail?.thread ?? []).filter((m) => m.pendingActionId === null && !m.remoteId.startsWith('local:')).map((m) => m.remoteId);
    let review: ReviewView | null = null;
    if (this.reviewSupported !== false) {
      try {
        review = (await (this.core.call as (method: string, input: unknown) => Promise<unknown>)('outbox:review', { caseId })) as ReviewView | null;
        this.reviewSupported = true;
      } catch (error) {
        if (error instanceof CoreCallFailed && /unknown method/.test(error.message)) this.reviewSupported = false;
        else if (!(error instanceof CallLostError || error instanceof CoreCallFailed)) throw error;
      }
    }
    const entry = review?.actions.find((a) => a.item.id === actionId) ?? null;
    const news = entry?.news ?? [];
    const shownThread = new Set([...thread, ...news.flatMap((n) => (n.kind === 'message' ? [n.message.remoteId] : []))]);
    return {
      shown: { version: review?.remote.version ?? detail?.remoteVersion ?? null, commentIds: shownThread },
      verdict: entry?.verdict ?? null,
      shownKeys: review ? news.map(newsKeyOf) : null,
    };
  }

  private async decide(item: OutboxItemView, state: string, told: ToldAction, final: boolean): Promise<void> {
    const dialog = await this.dialog(item.caseId, item.id);
    // It touches nothing anyone else changed: it goes by itself once the ones before it are decided.
    if (dialog.verdict === 'waits' || dialog.verdict === 'sending') return;
    let choice: Decision['choice'];
    if (state === 'failed') choice = told.decisions.length >= 2 || !this.choices.chance(final ? 0.5 : 0.6) ? 'discard' : 'retry';
    else {
      const r = this.choices.next();
      choice = told.decisions.length >= 3 ? 'discard' : r < 0.5 ? 'apply-anyway' : r < 0.75 ? 'discard' : 'edit';
    }
    this.log(`  decide ${item.id.slice(0, 8)} (${state}): ${choice}`);
    const shown = dialog.shownKeys === null ? {} : { shown: dialog.shownKeys };
    const decideWith = (method: string, input: Record<string, unknown>) =>
      this.call(method as 'outbox:retry', { ...input, ...(method === 'outbox:retry' ? {} : shown) } as { id: string }) as Promise<{ ok: boolean; changed?: boolean } | null>;
    let result: { ok: boolean; changed?: boolean } | null;
    let intent = told.intent;
    switch (choice) {
      case 'apply-anyway':
        result = await decideWith('outbox:applyAnyway', { id: item.id });
        break;
      case 'retry':
        result = await decideWith('outbox:retry', { id: item.id });
        break;
      case 'edit':
        intent = item.intent.comment ? { ...item.intent, comment: { ...item.intent.comment, body: `${item.intent.comment.body} (edited)` } } : item.intent;
        result = await decideWith('outbox:edit', { id: item.id, intent });
        break;
      case 'discard':
        result = await decideWith('outbox:discard', { id: item.id });
        break;
    }
    if (!result?.ok) {
      // Not done (something new arrived meanwhile: the dialog is read again next time), or refused.
      this.log(`  decision not taken${result?.changed ? ': the case changed' : ''}`);
      return;
    }
    told.decisions.push({ step: this.step, state, choice, shown: dialog.shown });
    if (choice === 'edit') told.intent = intent;
    if (choice === 'discard') told.discarded = true;
  }

  // --- the end of the shift ----------------------------------------------------------------------

  /** Everything settles: network back, teammates gone, every waiting action decided, sync caught up. */
  async settle(): Promise<void> {
    this.killDuringNextAction = null;
    this.helpdeskRelay.restore();
    this.brokerRelay.restore();
    this.demo.faults.clear();
    if (this.workingOffline) {
      this.workingOffline = false;
      await this.call('network:setOffline', { offline: false });
    }
    await this.teammates.close();
    const drained = await waitUntil(async () => (await this.review(true)) === 0, 90_000, 150);
    if (drained === null) {
      const left = (await this.call('outbox:list', {})) as OutboxItemView[] | null;
      this.violation('cache-converges', `the outbox did not drain: ${JSON.stringify(left?.map((i) => ({ id: i.id, state: i.state, error: i.lastError })))}`);
    }
    const converged = await waitUntil(() => cacheConvergence(this).length === 0, 60_000, 150);
    if (converged === null) this.violation('cache-converges', `the cache did not catch up with the helpdesk: ${cacheConvergence(this).slice(0, 5).join('; ')}`);
  }

  async finish(): Promise<void> {
    await this.checkDrafts('at the end of the shift');
    for (const v of await checkInvariants(this)) this.violation(v.invariant, v.detail);
    this.ro?.close();
    this.ro = null;
    await this.core.stop();
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') this.violation('integrity', `PRAGMA integrity_check: ${String(integrity)}`);
      const foreignKeys = db.pragma('foreign_key_check') as unknown[];
      if (foreignKeys.length > 0) this.violation('integrity', `PRAGMA foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
    } finally {
      db.close();
    }
  }
}

/** One shift, start to end; never throws for what the shift found (those are violations). */
export async function runShift(options: ShiftOptions): Promise<ShiftReport> {
  const started = Date.now();
  const shift = new Shift(options);
  try {
    await shift.setUp();
    await shift.run();
    await shift.settle();
    await shift.finish();
  } catch (error) {
    shift.violations.push({ invariant: 'harness', detail: `the simulation itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  } finally {
    await shift.tearDown();
  }
  return { seed: options.seed, ...shift.counters, violations: shift.violations, ms: Date.now() - started };
}
