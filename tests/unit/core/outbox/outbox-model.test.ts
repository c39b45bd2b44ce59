import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteConflictError, type PullPage, type PushAction, type PushResult, type RemoteCase, type RemoteMessage, type WritableConnector } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { TransientRemoteError } from '../../../../src-main/core/net/errors';
import { OutboxSender } from '../../../../src-main/core/outbox/outbox-sender';
import type { CaseIntent } from '../../../../src-shared/domain/case-intent';

// Model-based tests of the outbox and sync as one state machine (fast-check): random sequences of
// enqueue, send (answered ok, 409, 5xx, applied-but-no-answer), a crash mid-send (the process
// dies; a new one opens the same database), a teammate's change on the helpdesk, sync bringing it,
// and the agent's decisions on conflicts and failures — the real OutboxRepo and OutboxSender on a
// SQLite file, against a small helpdesk that keeps versions, applies safe updates and records
// which action made each change. After every command the invariants are checked; at the end every
// conflict is decided and everything drains.

type Outcome = 'ok' | '409' | '5xx' | 'lost-answer';
type Field = 'status' | 'priority' | 'tags' | 'comment';

interface HelpdeskCase {
  version: number;
  status: string;
  priority: string | null;
  tags: string[];
  comments: { id: string; by: string; public: boolean; version: number }[];
}

interface Change {
  caseRemoteId: string;
  version: number;
  /** An action id, or 'teammate'. */
  by: string;
  fields: Field[];
  publicComment: boolean;
}

const stamp = (version: number) => `v${version}`;

/** The helpdesk: versions, safe updates, and a record of who changed what (the audits). */
class Helpdesk implements WritableConnector {
  readonly cases = new Map<string, HelpdeskCase>();
  readonly changes: Change[] = [];
  /** Answers for the next pushes, in order; then 'ok'. */
  script: Outcome[] = [];
  /** While set, every push hangs: before applying it, or after (the answer never comes). */
  hang: 'before' | 'after' | null = null;
  pushes = 0;
  private nextComment = 1;
  /** Set by the test: is this action's landing over something it was not shown? */
  onLand: (action: PushAction, unseen: Change[]) => void = () => undefined;

  constructor(ids: string[]) {
    for (const id of ids) this.cases.set(id, { version: 1, status: 'open', priority: 'normal', tags: ['start'], comments: [] });
  }

  remote(remoteId: string): RemoteCase {
    const c = this.cases.get(remoteId)!;
    return {
      remoteId, channel: 'email', subject: `Case ${remoteId}`, status: c.status as RemoteCase['status'], priority: c.priority as RemoteCase['priority'], type: null, requesterRemoteId: '9',
      assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: [...c.tags], csat: null,
      createdAt: 1_000, updatedAt: 1_000 + c.version * 1000, version: stamp(c.version), generatedTs: c.version,
    };
  }

  messages(remoteId: string): RemoteMessage[] {
    return this.cases.get(remoteId)!.comments.map((m) => ({
      remoteId: m.id, caseRemoteId: remoteId, authorRemoteId: m.by === 'teammate' ? '8' : '7', public: m.public, bodyText: `comment ${m.id}`, bodyHtml: null, channel: 'email', createdAt: 1_000 + m.version * 1000, attachments: [],
    }));
  }

  private apply(caseRemoteId: string, by: string, change: { status?: string; priority?: string | null; addTags?: string[]; removeTags?: string[]; comment?: { public: boolean } }): string | null {
    const c = this.cases.get(caseRemoteId)!;
    c.version++;
    const fields: Field[] = [];
    if (change.status !== undefined) {
      c.status = change.status;
      fields.push('status');
    }
    if (change.priority !== undefined) {
      c.priority = change.priority;
      fields.push('priority');
    }
    if (change.addTags || change.removeTags) {
      c.tags = [...c.tags.filter((t) => !(change.removeTags ?? []).includes(t)), ...(change.addTags ?? []).filter((t) => !c.tags.includes(t))];
      fields.push('tags');
    }
    let commentId: string | null = null;
    if (change.comment) {
      commentId = String(this.nextComment++);
      c.comments.push({ id: commentId, by, public: change.comment.public, version: c.version });
      fields.push('comment');
    }
    this.changes.push({ caseRemoteId, version: c.version, by, fields, publicComment: change.comment?.public ?? false });
    return commentId;
  }

  teammate(caseRemoteId: string, field: Field): void {
    const n = this.changes.length;
    if (field === 'status') this.apply(caseRemoteId, 'teammate', { status: n % 2 === 0 ? 'solved' : 'pending' });
    else if (field === 'priority') this.apply(caseRemoteId, 'teammate', { priority: n % 2 === 0 ? 'urgent' : 'low' });
    else if (field === 'tags') this.apply(caseRemoteId, 'teammate', { addTags: [`team-${n}`] });
    else this.apply(caseRemoteId, 'teammate', { comment: { public: true } });
  }

  landings(actionId: string): number {
    return this.changes.filter((c) => c.by === actionId).length;
  }

  async push(action: PushAction): Promise<PushResult> {
    this.pushes++;
    if (this.hang === 'before') return new Promise(() => undefined);
    const outcome = this.script.shift() ?? 'ok';
    if (outcome === '409') throw new WriteConflictError('Safe Update prevented the update due to outdated ticket data.');
    if (outcome === '5xx') throw new TransientRemoteError('503 from the helpdesk', 503);
    const c = this.cases.get(action.caseRemoteId)!;
    if (action.baseVersion !== null && action.baseVersion !== stamp(c.version)) throw new WriteConflictError('Safe Update prevented the update due to outdated ticket data.');
    this.onLand(action, this.changes.filter((ch) => ch.caseRemoteId === action.caseRemoteId && ch.by === 'teammate'));
    const commentId = this.apply(action.caseRemoteId, action.actionId, {
      ...(action.status !== undefined ? { status: action.status } : {}),
      ...(action.priority !== undefined ? { priority: action.priority } : {}),
      ...(action.addTags ? { addTags: action.addTags } : {}),
      ...(action.removeTags ? { removeTags: action.removeTags } : {}),
      ...(action.comment ? { comment: { public: action.comment.public } } : {}),
    });
    if (this.hang === 'after') return new Promise(() => undefined);
    if (outcome === 'lost-answer') throw new TransientRemoteError('socket hang up', null);
    return { case: this.remote(action.caseRemoteId), commentRemoteId: commentId };
  }

  async findPushed(caseRemoteId: string, actionId: string): Promise<PushResult | null> {
    const change = this.changes.find((c) => c.by === actionId);
    if (!change) return null;
    const comment = this.cases.get(caseRemoteId)!.comments.find((m) => m.by === actionId);
    return { case: this.remote(caseRemoteId), commentRemoteId: comment?.id ?? null };
  }

  async fetchCase(caseRemoteId: string): Promise<RemoteCase | null> {
    return this.remote(caseRemoteId);
  }

  /** The case with its whole thread, as a sync page (read again when a case's queue stops). */
  async fetchThread(caseRemoteId: string): Promise<PullPage> {
    return { cases: [this.remote(caseRemoteId)], messages: this.messages(caseRemoteId), completeThreads: [caseRemoteId], cursor: null, caughtUp: true };
  }
}

const CASES = ['101', '102', '103'];

/** Core's side: the profile database, its outbox and sender; `crash` abandons them mid-send. */
class Profile {
  db!: Db;
  cache!: AccountCache;
  outbox!: OutboxRepo;
  sender!: OutboxSender;
  private readonly connections: Db[] = [];

  constructor(
    readonly path: string,
    readonly helpdesk: Helpdesk,
  ) {
    this.open();
    const accounts = new AccountsRepo(this.db);
    const account = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    accounts.setIdentity(account.id, '7');
    for (const id of CASES) this.sync(id);
  }

  private open(): void {
    this.db = openDatabase({ path: this.path });
    this.connections.push(this.db);
    this.cache = new AccountCache(this.db, 1);
    this.outbox = new OutboxRepo(this.db);
    this.sender = new OutboxSender({ db: this.db, accountId: 1, connector: this.helpdesk, cache: this.cache, outbox: this.outbox, concurrency: 3, backoff: { baseMs: 0, capMs: 0 } });
  }

  caseId(remoteId: string): number {
    return this.cache.cases.caseIdFor(remoteId);
  }

  /** Sync brings the case as the helpdesk has it now, with its thread. */
  sync(remoteId: string): void {
    this.cache.applyPage(null, { cases: [this.helpdesk.remote(remoteId)], messages: this.helpdesk.messages(remoteId), cursor: null, caughtUp: true });
  }

  /** The version of the case the cache (and so the agent) has. */
  shownVersion(remoteId: string): string | null {
    return this.db.prepare('SELECT remote_version FROM cases WHERE id = ?').pluck().get(this.caseId(remoteId)) as string | null;
  }

  /** Sends until nothing more goes (each retry is due at once: no backoff here). */
  async drain(): Promise<void> {
    for (let i = 0; i < 20; i++) if ((await this.sender.drainOnce()) === 0) return;
  }

  /** The process dies with requests in flight: nothing more from it; a new one opens the file. */
  async crash(hang: 'before' | 'after'): Promise<void> {
    this.helpdesk.hang = hang;
    const pushes = this.helpdesk.pushes;
    void this.sender.drainOnce().catch(() => undefined);
    for (let i = 0; i < 50 && this.helpdesk.pushes === pushes; i++) await new Promise((resolve) => setImmediate(resolve));
    this.helpdesk.hang = null;
    this.open();
  }

  close(): void {
    for (const db of this.connections) if (db.open) db.close();
  }
}

interface Ledger {
  /** Every action the agent was told is queued, with the version it was shown (at queueing or at its latest decision). */
  actions: Map<string, { remoteId: string; intent: CaseIntent; shown: string | null; seq: number }>;
  discarded: Set<string>;
  /** Landings over a teammate's change the action was not shown. */
  unseen: string[];
}

type Real = { profile: Profile; helpdesk: Helpdesk };

function checkInvariants(ledger: Ledger, real: Real): void {
  const { profile, helpdesk } = real;
  const rows = new Map(profile.outbox.list().map((r) => [r.id, r]));
  for (const [id, action] of ledger.actions) {
    const landed = helpdesk.landings(id);
    expect(landed, `action ${id} landed ${landed} times`).toBeLessThanOrEqual(1);
    if (ledger.discarded.has(id)) expect(landed, `discarded action ${id} landed`).toBe(0);
    else if (landed === 0) expect(rows.has(id), `action ${id} neither landed nor waits in the outbox`).toBe(true);
    else if (rows.has(id)) {
      // Landed, but the answer never came (a crash, a lost response): the outbox must look it up before sending again.
      const row = rows.get(id)!;
      expect(row.state === 'sending' || (row.state === 'queued' && row.verifyBeforeSend), `action ${id} landed but the outbox shows it ${row.state} without looking it up first`).toBe(true);
    }
    // Nothing is lost on the way: the stored intent is the one the agent gave.
    if (rows.has(id)) expect(rows.get(id)!.intent).toEqual(action.intent);
  }
  // First in, first out per case: a case's actions land in the order they were queued.
  for (const remoteId of CASES) {
    const order = helpdesk.changes.filter((c) => c.caseRemoteId === remoteId && c.by !== 'teammate').map((c) => ledger.actions.get(c.by)!.seq);
    expect(order, `case ${remoteId} landed out of order`).toEqual([...order].sort((a, b) => a - b));
  }
  const counts = profile.outbox.counts();
  const states = [...rows.values()].map((r) => r.state);
  expect(counts).toEqual({ queued: states.filter((s) => s === 'queued').length, sending: states.filter((s) => s === 'sending').length, failed: states.filter((s) => s === 'failed').length, conflict: states.filter((s) => s === 'conflict').length });
}

type Cmd = fc.AsyncCommand<Ledger, Real>;

class Enqueue implements Cmd {
  constructor(
    readonly caseIndex: number,
    readonly kind: 'tag' | 'status' | 'priority' | 'reply' | 'note',
  ) {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    const remoteId = CASES[this.caseIndex]!;
    const n = ledger.actions.size;
    const intent: CaseIntent =
      this.kind === 'tag' ? { addTags: [`mine-${n}`] } : this.kind === 'status' ? { status: 'open' } : this.kind === 'priority' ? { priority: 'high' } : { comment: { body: `Message ${n}`, public: this.kind === 'reply' } };
    const shown = real.profile.shownVersion(remoteId);
    const row = real.profile.outbox.enqueue(real.profile.caseId(remoteId), intent);
    ledger.actions.set(row.id, { remoteId, intent, shown, seq: row.seq });
    checkInvariants(ledger, real);
  }
  toString = () => `enqueue(${CASES[this.caseIndex]}, ${this.kind})`;
}

class Send implements Cmd {
  constructor(readonly outcomes: Outcome[]) {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    real.helpdesk.script = [...this.outcomes];
    await real.profile.sender.drainOnce();
    real.helpdesk.script = [];
    checkInvariants(ledger, real);
  }
  toString = () => `send(${this.outcomes.join(', ') || 'ok'})`;
}

class Crash implements Cmd {
  constructor(readonly hang: 'before' | 'after') {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    await real.profile.crash(this.hang);
    checkInvariants(ledger, real);
  }
  toString = () => `crash(${this.hang} applying)`;
}

class Teammate implements Cmd {
  constructor(
    readonly caseIndex: number,
    readonly field: Field,
    readonly synced: boolean,
  ) {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    real.helpdesk.teammate(CASES[this.caseIndex]!, this.field);
    if (this.synced) real.profile.sync(CASES[this.caseIndex]!);
    checkInvariants(ledger, real);
  }
  toString = () => `teammate(${CASES[this.caseIndex]}, ${this.field}${this.synced ? ', synced' : ''})`;
}

class Sync implements Cmd {
  constructor(readonly caseIndex: number) {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    real.profile.sync(CASES[this.caseIndex]!);
    checkInvariants(ledger, real);
  }
  toString = () => `sync(${CASES[this.caseIndex]})`;
}

class Decide implements Cmd {
  constructor(
    readonly pick: number,
    readonly choice: 'apply-anyway' | 'edit' | 'discard' | 'retry',
  ) {}
  check = () => true;
  async run(ledger: Ledger, real: Real): Promise<void> {
    const waiting = real.profile.outbox.list().filter((r) => r.state !== 'queued' && r.state !== 'sending');
    if (waiting.length === 0) return;
    const row = waiting[this.pick % waiting.length]!;
    const action = ledger.actions.get(row.id)!;
    // The dialog shows the case as re-read: what the agent decides against.
    const shown = real.profile.shownVersion(action.remoteId);
    if (this.choice === 'discard') {
      if (real.profile.outbox.discard(row.id)) ledger.discarded.add(row.id);
    } else if (row.state === 'failed' || this.choice === 'retry') {
      real.profile.outbox.retry(row.id);
    } else if (this.choice === 'edit') {
      const intent: CaseIntent = action.intent.comment ? { ...action.intent, comment: { ...action.intent.comment, body: `${action.intent.comment.body} (edited)` } } : action.intent;
      real.profile.outbox.edit(row.id, intent);
      ledger.actions.set(row.id, { ...action, intent, shown });
    } else {
      real.profile.outbox.applyAnyway(row.id);
      ledger.actions.set(row.id, { ...action, shown });
    }
    checkInvariants(ledger, real);
  }
  toString = () => `decide(#${this.pick}, ${this.choice})`;
}

const commands = [
  fc.tuple(fc.nat(CASES.length - 1), fc.constantFrom('tag', 'status', 'priority', 'reply', 'note') as fc.Arbitrary<Enqueue['kind']>).map(([c, k]) => new Enqueue(c, k)),
  fc.array(fc.constantFrom<Outcome>('ok', 'ok', '409', '5xx', 'lost-answer'), { maxLength: 3 }).map((o) => new Send(o)),
  fc.constantFrom<'before' | 'after'>('before', 'after').map((h) => new Crash(h)),
  fc.tuple(fc.nat(CASES.length - 1), fc.constantFrom<Field>('status', 'priority', 'tags', 'comment'), fc.boolean()).map(([c, f, s]) => new Teammate(c, f, s)),
  fc.nat(CASES.length - 1).map((c) => new Sync(c)),
  fc.tuple(fc.nat(5), fc.constantFrom('apply-anyway', 'edit', 'discard', 'retry') as fc.Arbitrary<Decide['choice']>).map(([p, c]) => new Decide(p, c)),
];

const profiles: Profile[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the commands, then settles: every conflict applied, every failure retried, everything sent. */
async function runScenario(cmds: Iterable<Cmd>): Promise<{ ledger: Ledger; real: Real }> {
  // Memory-backed when the machine has it: hundreds of profiles, each fsyncing its outbox.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'shiftdesk-outbox-model-'));
  dirs.push(dir);
  const helpdesk = new Helpdesk(CASES);
  const profile = new Profile(join(dir, 'p.db'), helpdesk);
  profiles.push(profile);
  const ledger: Ledger = { actions: new Map(), discarded: new Set(), unseen: [] };
  const real: Real = { profile, helpdesk };
  helpdesk.onLand = (action, teammateChanges) => {
    const told = ledger.actions.get(action.actionId);
    if (!told) return;
    const shownVersion = told.shown === null ? 0 : Number(told.shown.slice(1));
    const unseen = teammateChanges.filter((c) => c.version > shownVersion);
    const fields: Field[] = [...(action.status !== undefined ? ['status' as const] : []), ...(action.priority !== undefined ? ['priority' as const] : [])];
    const over = unseen.filter((c) => c.fields.some((f) => fields.includes(f)) || (action.comment?.public === true && c.publicComment));
    if (over.length > 0) ledger.unseen.push(`${JSON.stringify(action)} landed over the teammate's change at v${over[0]!.version} (${over[0]!.fields.join(', ')}), shown v${shownVersion}`);
  };
  await fc.asyncModelRun(() => ({ model: ledger, real }), cmds);
  for (let round = 0; round < 30 && profile.outbox.list().length > 0; round++) {
    for (const row of profile.outbox.list()) {
      if (row.state === 'conflict') {
        profile.outbox.applyAnyway(row.id);
        const told = ledger.actions.get(row.id)!;
        ledger.actions.set(row.id, { ...told, shown: profile.shownVersion(told.remoteId) });
      } else if (row.state === 'failed') profile.outbox.retry(row.id);
    }
    await profile.drain();
  }
  checkInvariants(ledger, real);
  expect(profile.outbox.list()).toEqual([]);
  for (const id of ledger.actions.keys()) if (!ledger.discarded.has(id)) expect(helpdesk.landings(id), `action ${id}`).toBe(1);
  expect(profile.db.pragma('integrity_check', { simple: true })).toBe('ok');
  return { ledger, real };
}

const RUNS = Number(process.env.OUTBOX_MODEL_RUNS ?? 60);

describe('outbox and sync, model-based', () => {
  it('delivers every queued action exactly once, in order per case, across conflicts, failures, crashes and decisions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        await runScenario(cmds);
      }),
      { numRuns: RUNS, seed: Number(process.env.OUTBOX_MODEL_SEED ?? 15) },
    );
  });

  it('never lands an action over a teammate change of the same field, or a reply over their reply, that the agent was not shown', async () => {
    // The shift that broke it: offline, a tag, a status change and a reply queued; a teammate
    // solves and replies; back online the tag conflicts, and "Apply anyway" is chosen for the tag alone.
    const seen: Cmd[] = [
      new Enqueue(0, 'tag'),
      new Enqueue(0, 'status'),
      new Enqueue(0, 'reply'),
      new Teammate(0, 'status', false),
      new Teammate(0, 'comment', false),
      new Send([]),
      new Decide(0, 'apply-anyway'),
      new Send([]),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const { ledger } = await runScenario(cmds);
        expect(ledger.unseen).toEqual([]);
      }),
      { numRuns: RUNS, seed: Number(process.env.OUTBOX_MODEL_SEED ?? 15), examples: [[seen as unknown as Iterable<Cmd> & fc.CommandsContraints]] },
    );
  });
});
