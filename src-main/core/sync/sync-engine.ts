import { setMaxListeners } from 'node:events';
import type { ChannelConnector, PullPage, RemoteCase, StreamSpec } from '../connectors/connector';
import type { Db } from '../db/connection';
import { AccountCache, type AppliedPage } from '../db/repos/account-cache';
import { AccountsRepo } from '../db/repos/accounts-repo';
import { MacroRepo, macroActionsResolver, type MacroSyncResult } from '../db/repos/macro-repo';
import { SearchIndexer } from '../db/repos/search-indexer';
import { defaultSchedule, SlaPolicyRepo } from '../db/repos/sla-repo';
import { DEFAULT_BACKOFF, fullJitterDelay, pause, sleep, type BackoffPolicy, type WakeSource } from '../net/backoff';
import { AuthError, ForbiddenError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from '../net/errors';
import { isAttentionConnector, refreshAttention, type AttentionResult } from './attention-refresh';
import { isLasting, lastingDelay, problemOf, severityOf, technicalText } from './sync-problems';
import type { ChangeSet, SyncDecision, SyncNotice, SyncProgress, SyncState } from './sync-types';

const MAX_QUEUED_PAGES = 4;
const MAX_PAGES_PER_COMMIT = 8;
/** How often a quiet follow poll refreshes the account's "last synced" time (and tells the UI). */
const LAST_SYNCED_EVERY_MS = 15_000;
/** How often the account's shared macros are pulled again while sync runs (docs/macros.md). */
const MACROS_EVERY_MS = 10 * 60_000;

/** How often the account's SLA policies are pulled again while sync runs (docs/sla.md). */
const SLA_POLICIES_EVERY_MS = 10 * 60_000;

/**
 * How often the cases in front of the agent are refreshed between export polls (docs/zendesk-conformance.md
 * "Freshness"): one show_many request, plus the newest comments of each case that changed.
 */
const ATTENTION_EVERY_MS = 10_000;

/** While the helpdesk refuses its exports, how often the agent's and the open queue's snapshots are taken again. */
const SNAPSHOTS_EVERY_MS = 2 * 60_000;

/** Tries of a step before the steps after it go on without it (it keeps being tried in the background). */
const STEP_ATTEMPTS = 3;

/** How long an interrupted snapshot's cursor is worth resuming (the search export's expire after an hour). */
const SNAPSHOT_CURSOR_LIFETIME_MS = 50 * 60_000;

/** The streams that carry cases and their threads (a mailbox's folders included): what an account is for. */
const CASE_STREAMS: ReadonlySet<string> = new Set(['mine', 'open-queue', 'people', 'cases', 'messages', 'inbox', 'sent', 'state']);

/** Quick tries of a page that cannot be read before it is waited on for minutes. */
const UNREADABLE_QUICK_TRIES = 5;

/** Several consecutive pages of one stream as one page ending at the last one's cursor. */
function mergePages(pages: readonly PullPage[]): PullPage {
  const last = pages[pages.length - 1]!;
  const merged: PullPage = { cursor: last.cursor, caughtUp: last.caughtUp };
  for (const key of ['cases', 'messages', 'people', 'groups', 'organizations', 'completeThreads', 'statusChanges', 'connectorState', 'deletedCases', 'recordIssues'] as const) {
    const parts = pages.flatMap((p) => (p[key] ?? []) as never[]);
    if (parts.length > 0) (merged as unknown as Record<string, unknown>)[key] = parts;
  }
  return merged;
}

export interface SyncEngineOptions {
  db: Db;
  accountId: number;
  connector: ChannelConnector & { estimateCaseCount?(signal?: AbortSignal): Promise<number | null>; estimateMessageCount?(signal?: AbortSignal): Promise<number | null> };
  onChange?: (change: ChangeSet) => void;
  onProgress?: (progress: SyncProgress) => void;
  onDecision?: (decision: SyncDecision) => void;
  /** How often caught-up incremental streams poll for changes. */
  followIntervalMs?: number;
  /** How often shared macros are pulled again (default 10 minutes). */
  macroIntervalMs?: number;
  /** How often SLA policies are pulled again (default 10 minutes). */
  slaIntervalMs?: number;
  /** How often the cases in front of the agent are refreshed (default 10 s). */
  attentionIntervalMs?: number;
  /** While exports are refused, how often the snapshots are taken again (default 2 minutes). */
  snapshotIntervalMs?: number;
  /**
   * The cases in front of the agent (local ids, any account): the open case, cases with drafts or
   * queued actions, the agent's own open cases. Refreshed every `attentionIntervalMs`.
   */
  attention?: () => readonly number[];
  backoff?: BackoffPolicy;
  /** Index messages for search in the background (off in tests that step by hand). */
  indexSearch?: boolean;
  /** While this says no (the agent chose "Work offline"), no request is made. */
  mayConnect?: () => boolean;
  /**
   * Ends backoff and follow pauses early: the network monitor rings it when requests may go out
   * again (the helpdesk answered after an outage, or "Work offline" was turned off).
   */
  wake?: WakeSource;
}

/**
 * The sync engine of one account (DESIGN §5). It runs the connector's streams in the order of need:
 * identity and directory, then the agent's own open cases with their whole threads, then the open
 * queue, then the full history through incremental exports, which keep following changes.
 * Every step is also callable on its own (`pullPage`, `runStream`, `ensureThread`) so tests can
 * drive the engine step by step.
 */
export class SyncEngine {
  readonly cache: AccountCache;
  private readonly accounts: AccountsRepo;
  private readonly indexer: SearchIndexer;
  private readonly macros: MacroRepo;
  private readonly slaPolicies: SlaPolicyRepo;
  private readonly abort = new AbortController();
  private state: SyncState = 'idle';
  private phase: SyncProgress['phase'] = 'identity';
  private lastSyncedWrittenAt = 0;
  private error: string | null = null;
  private nextRetryAt: number | null = null;
  private casesTotal: number | null = null;
  private messagesEstimate: number | null = null;
  private firstWorkReady = false;
  private running: Promise<void> | null = null;
  private readonly threadFetches = new Map<number, Promise<void>>();
  private progressTimer: NodeJS.Timeout | null = null;

  get connector(): SyncEngineOptions["connector"] {
    return this.options.connector;
  }

  constructor(private readonly options: SyncEngineOptions) {
    // Every request, wait and pause of this account listens to the one stop signal: many at once
    // is normal (parallel thread fetches waiting for their place in the rate budget).
    setMaxListeners(0, this.abort.signal);
    this.cache = new AccountCache(options.db, options.accountId);
    this.accounts = new AccountsRepo(options.db);
    this.indexer = new SearchIndexer(options.db);
    this.macros = new MacroRepo(options.db);
    this.slaPolicies = new SlaPolicyRepo(options.db);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Starts the whole sync in the background; resolves when it stops. */
  start(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('sync stopped'));
    if (this.progressTimer) clearTimeout(this.progressTimer);
    await this.running?.catch(() => undefined);
    await Promise.allSettled([...this.threadFetches.values(), ...this.caseRefreshes.values()]);
    await this.options.connector.close?.().catch(() => undefined);
    this.setState('stopped');
  }

  private async run(): Promise<void> {
    const streams = this.options.connector.streams();
    try {
      this.setState('syncing');
      await this.identify();
      let background: Promise<void> = Promise.resolve();
      for (const phase of ['identity', 'first-work'] as const) {
        this.phase = phase;
        // A step that keeps failing is left to the background after a few tries: the steps after
        // it (the agent's cases) never wait for a directory the helpdesk will not list.
        for (const spec of streams.filter((s) => s.phase === phase)) await this.runStep(spec);
        // Shared macros as soon as the directory is there (their agents and groups resolve
        // against it), beside the agent's own cases rather than before them.
        if (phase === 'identity') background = Promise.all([this.macroLoop(), this.slaPolicyLoop(), this.attentionLoop()]).then(() => undefined);
      }
      this.firstWorkReady = true;
      this.emitProgress();
      // The open queue snapshot and the history backfill run side by side: the snapshot is mostly
      // waiting on small requests, the backfill mostly on our own writes.
      this.phase = 'queue';
      this.casesTotal = (await this.options.connector.estimateCaseCount?.(this.signal)) ?? null;
      // A mailbox knows its messages, not its threads (cases) until it has read them.
      this.messagesEstimate = (await this.options.connector.estimateMessageCount?.(this.signal).catch(() => null)) ?? null;
      const queue = (async () => {
        for (const spec of streams.filter((s) => s.phase === 'queue')) await this.runStep(spec);
        if (this.phase === 'queue') this.phase = 'history';
      })();
      const indexing = this.options.indexSearch === false ? Promise.resolve() : this.indexLoop();
      await Promise.all([queue, ...streams.filter((s) => s.phase === 'history').map((spec) => this.followStream(spec)), indexing, background, this.snapshotLoop()]);
    } catch (error) {
      if (this.signal.aborted) return;
      this.fail(error);
    }
  }

  /**
   * Runs a one-shot stream; if it still fails after a few tries, the sync goes on without it and
   * it is tried again in the background (its notice stays on the account until it works).
   */
  private async runStep(spec: StreamSpec): Promise<void> {
    try {
      await this.runStream(spec, STEP_ATTEMPTS);
    } catch (error) {
      if (this.signal.aborted || !isRemoteFailure(error)) throw error;
      this.degrade(spec.name, error);
      void this.retryStepLater(spec);
    }
  }

  private async retryStepLater(spec: StreamSpec): Promise<void> {
    for (let attempt = 0; !this.signal.aborted; attempt++) {
      await pause(lastingDelay(attempt), this.signal, this.options.wake?.signal).catch(() => undefined);
      if (this.signal.aborted) return;
      try {
        await this.runStream(spec, 1);
        this.degraded.delete(spec.name);
        this.options.onDecision?.({ stream: spec.name, action: 'pull', reason: 'works again after being left out' });
        return;
      } catch (error) {
        if (this.signal.aborted || !isRemoteFailure(error)) return;
      }
    }
  }

  /** Streams the sync goes on without for now (the helpdesk refused them); their notices say why. */
  private readonly degraded = new Set<string>();

  private degrade(stream: string, error: unknown): void {
    if (this.degraded.has(stream)) return;
    this.degraded.add(stream);
    this.options.onDecision?.({ stream, action: 'degrade', reason: `going on without it for now: ${technicalText(error)}` });
    // Streams that wait for this one go on without it.
    this.caughtUp(stream);
    this.wakeSnapshots?.();
  }

  /** Step: check the credentials and remember who "me" is. */
  async identify(): Promise<void> {
    // Refused here (401, or 403 on reading oneself) means nothing else can work: the account fails.
    const me = await this.retrying('identity', () =>
      this.options.connector.whoAmI(this.signal).catch((error: unknown) => {
        throw error instanceof ForbiddenError ? new AuthError(error.message) : error;
      }),
    );
    this.accounts.setIdentity(this.options.accountId, me.remoteId);
    this.applyPage(null, { people: [me], cursor: null, caughtUp: true });
  }

  /**
   * Step: pulls the account's active shared macros and stores them in one transaction (new and
   * changed ones written, the ones gone remotely removed, personal ones untouched); announces
   * 'macros' when anything changed. null when the connector has no macros (or the helpdesk has
   * no such endpoint: 404). Failures retry with backoff like any stream, reported as "macros".
   */
  async syncMacros(): Promise<MacroSyncResult | null> {
    const connector = this.options.connector;
    if (!connector.fetchMacros) return null;
    const macros = await this.retrying('macros', () =>
      connector.fetchMacros!(this.signal).catch((error: unknown) => {
        if (error instanceof PermanentRemoteError && error.status === 404) return null;
        throw error;
      }),
    );
    if (macros === null) return null;
    const result = this.macros.replaceShared(this.options.accountId, macros, macroActionsResolver(this.options.db, this.options.accountId));
    if (result.upserted > 0 || result.removed > 0) this.options.onChange?.({ kinds: ['macros'], caseIds: [], customerIds: [] });
    return result;
  }

  /** Shared macros now and every `macroIntervalMs` while running. Never fails the account's sync. */
  private async macroLoop(): Promise<void> {
    if (!this.options.connector.fetchMacros) return;
    while (!this.signal.aborted) {
      try {
        await this.syncMacros();
      } catch {
        // Refused (e.g. no permission) or stopped: the macros stored before stay; try again later.
      }
      await sleep(this.options.macroIntervalMs ?? MACROS_EVERY_MS, this.signal).catch(() => undefined);
    }
  }

  /**
   * Step: pulls the account's SLA policies and business hours and stores them in one transaction
   * (changed ones written, vanished ones removed, local overrides and local policies untouched);
   * when anything changed, recomputes the due times of every timed case and announces 'cases'.
   * null when the connector has no SLA policies. A 404 is "none" (docs/sla.md).
   */
  async syncSlaPolicies(): Promise<{ upserted: number; removed: number } | null> {
    const connector = this.options.connector;
    if (!connector.fetchSlaPolicies) return null;
    const setup = await this.retrying('sla-policies', () => connector.fetchSlaPolicies!(this.signal));
    const result = this.options.db.transaction(() => {
      const stored = this.slaPolicies.replaceSynced(this.options.accountId, setup.policies, setup.schedule ?? defaultSchedule(), Date.now());
      if (stored.upserted > 0 || stored.removed > 0) this.cache.sla.refreshAll();
      return stored;
    })();
    if (result.upserted > 0 || result.removed > 0) this.options.onChange?.({ kinds: ['cases'], caseIds: [], customerIds: [] });
    return result;
  }

  /** SLA policies now and every `slaIntervalMs` while running. Never fails the account's sync. */
  private async slaPolicyLoop(): Promise<void> {
    if (!this.options.connector.fetchSlaPolicies) return;
    while (!this.signal.aborted) {
      try {
        await this.syncSlaPolicies();
      } catch {
        // Refused or stopped: the policies stored before stay; try again later.
      }
      await sleep(this.options.slaIntervalMs ?? SLA_POLICIES_EVERY_MS, this.signal).catch(() => undefined);
    }
  }

  /**
   * Step: refreshes the cases in front of the agent (DESIGN §5 "first work stays first"): the
   * exports are rationed (10 requests a minute for all of them) and lag a minute behind, so the
   * open case, cases with drafts or queued actions and the agent's own open cases are read
   * directly, within the general budget. null when the connector cannot (a mailbox pushes news).
   */
  async refreshAttention(): Promise<AttentionResult | null> {
    const connector = this.options.connector;
    if (!isAttentionConnector(connector) || !this.options.attention) return null;
    const caseIds = this.options.attention();
    if (caseIds.length === 0) return { asked: 0, changed: 0, threads: 0, deleted: 0 };
    const result = await this.retrying('refresh', () => refreshAttention(caseIds, { cache: this.cache, connector, signal: this.signal, apply: (page) => this.applyPage(null, page) }), 1);
    if (result.changed > 0 || result.deleted > 0) this.options.onDecision?.({ stream: 'refresh', action: 'refresh', reason: `${result.changed} of ${result.asked} cases in view changed, ${result.threads} threads read, ${result.deleted} deleted` });
    return result;
  }

  private async attentionLoop(): Promise<void> {
    if (!isAttentionConnector(this.options.connector) || !this.options.attention) return;
    while (!this.signal.aborted) {
      await pause(this.options.attentionIntervalMs ?? ATTENTION_EVERY_MS, this.signal).catch(() => undefined);
      if (this.signal.aborted || this.options.mayConnect?.() === false) continue;
      try {
        await this.refreshAttention();
      } catch {
        // Noted on the account by `retrying`; the next round tries again.
      }
    }
  }

  private wakeSnapshots: (() => void) | null = null;

  /**
   * While the helpdesk refuses its case exports (they are for admins only), the agent's cases and
   * the open queue come from search snapshots taken again every few minutes; threads come when a
   * case is opened or is in view.
   */
  private async snapshotLoop(): Promise<void> {
    const streams = this.options.connector.streams();
    const snapshots = streams.filter((s) => s.phase === 'first-work' || s.phase === 'queue');
    if (snapshots.length === 0) return;
    while (!this.signal.aborted) {
      if (!this.degraded.has('cases')) {
        const woken = new AbortController();
        this.wakeSnapshots = () => woken.abort();
        // Until the case export is refused (or sync stops): `pause` leaves no listener behind.
        await pause(24 * 60 * 60_000, this.signal, woken.signal).catch(() => undefined);
        this.wakeSnapshots = null;
        continue;
      }
      await pause(this.options.snapshotIntervalMs ?? SNAPSHOTS_EVERY_MS, this.signal).catch(() => undefined);
      if (this.signal.aborted || !this.degraded.has('cases')) continue;
      for (const spec of snapshots) {
        try {
          await this.runStream(spec, 1);
        } catch (error) {
          if (this.signal.aborted || !isRemoteFailure(error)) return;
        }
      }
    }
  }

  /** Step: decides whether a stream needs pulling now, and why. */
  decide(spec: StreamSpec): SyncDecision {
    const stored = this.cache.cursor(spec.name);
    if (spec.follows) {
      return stored.complete
        ? { stream: spec.name, action: 'follow', reason: 'caught up before; polling for changes from the stored cursor' }
        : { stream: spec.name, action: 'pull', reason: stored.cursor ? 'resuming the backfill from the stored cursor' : 'first backfill' };
    }
    if (spec.phase === 'identity') return { stream: spec.name, action: 'pull', reason: 'directory is refreshed at every start' };
    if (!stored.complete) return { stream: spec.name, action: 'pull', reason: stored.cursor ? 'resuming an interrupted snapshot' : 'first snapshot' };
    if (this.degraded.has('cases')) return { stream: spec.name, action: 'pull', reason: 'the helpdesk refuses its case export: snapshots keep these cases current' };
    if (this.cache.cursor('cases').complete) return { stream: spec.name, action: 'skip', reason: 'history is caught up; incremental export keeps these cases current' };
    return { stream: spec.name, action: 'pull', reason: 'history still backfilling; refresh the snapshot so the agent works on current data' };
  }

  /**
   * Runs one stream until it is caught up (one-shot streams) or once through its backlog.
   * `attempts`: tries per page before the error is thrown (default: until it works).
   */
  async runStream(spec: StreamSpec, attempts?: number): Promise<void> {
    const decision = this.decide(spec);
    this.options.onDecision?.(decision);
    if (decision.action === 'skip') return;
    let cursor = this.cache.cursor(spec.name);
    // A snapshot is taken afresh once complete; an interrupted one resumes, unless its cursor has
    // expired (Zendesk's search export cursors last an hour).
    if (!spec.follows && (cursor.complete || (cursor.cursor !== null && Date.now() - cursor.updatedAt > SNAPSHOT_CURSOR_LIFETIME_MS))) {
      this.cache.resetCursor(spec.name);
      cursor = { cursor: null, complete: false, updatedAt: 0 };
    }
    let next = cursor.cursor;
    for (;;) {
      const { page } = await this.pullPage(spec, next, attempts);
      next = page.cursor;
      if (page.caughtUp) return;
    }
  }

  /** Step: pulls and stores one page of a stream, fetching whole threads of my cases. */
  async pullPage(spec: StreamSpec, cursor: string | null, attempts?: number): Promise<{ page: PullPage; applied: AppliedPage }> {
    const page = await this.retrying(spec.name, () => this.options.connector.pull(spec.name, cursor, this.signal), attempts);
    const applied = this.applyPage(spec.name, page);
    if (spec.phase === 'first-work' && page.cases) {
      // My open cases are worth their whole thread right away (DESIGN §5: work before history).
      await Promise.all(page.cases.map((c) => this.ensureThread(this.cache.cases.caseIdFor(c.remoteId))));
    }
    return { page, applied };
  }

  /**
   * Follows an incremental stream forever: backfill, then poll for changes. Fetching runs ahead of
   * storing (up to `MAX_QUEUED_PAGES`; the next cursor is known before a page is stored), and the
   * store takes every page waiting in one transaction: the network overlaps with our writes, and
   * during a backfill each commit carries several pages, which cuts the write amplification of the
   * random-access indexes several-fold. The cursor committed is always the last stored page's.
   */
  private async followStream(spec: StreamSpec): Promise<void> {
    if (spec.after) await this.caughtUpOnce(spec.after);
    const decision = this.decide(spec);
    this.options.onDecision?.(decision);
    const queue: PullPage[] = [];
    let wake: (() => void) | null = null;
    let failure: unknown = null;
    let fetching = true;
    const notify = () => {
      wake?.();
      wake = null;
    };
    const fetchLoop = async () => {
      let cursor = this.cache.cursor(spec.name).cursor;
      try {
        while (!this.signal.aborted) {
          while (queue.length >= MAX_QUEUED_PAGES && !this.signal.aborted) await new Promise<void>((resolve) => setTimeout(resolve, 5));
          const page = await this.retrying(spec.name, () => this.options.connector.pull(spec.name, cursor, this.signal), undefined, (error) => this.degrade(spec.name, error));
          if (this.degraded.delete(spec.name)) this.options.onDecision?.({ stream: spec.name, action: 'pull', reason: 'works again after being left out' });
          queue.push(page);
          notify();
          cursor = page.cursor;
          if (page.caughtUp) {
            // Wait until this page is stored before polling again.
            while (queue.length > 0 && !this.signal.aborted) await new Promise<void>((resolve) => setTimeout(resolve, 5));
            // The network coming back, or the remote pushing news (IMAP IDLE), ends the pause early.
            const wakes = [this.options.wake?.signal, this.options.connector.changes?.(spec.name)].filter((s): s is AbortSignal => s !== undefined);
            const wake = wakes.length === 0 ? undefined : wakes.length === 1 ? wakes[0] : AbortSignal.any(wakes);
            await pause(this.options.followIntervalMs ?? 10_000, this.signal, wake).catch(() => undefined);
          }
        }
      } catch (error) {
        failure = error;
      } finally {
        fetching = false;
        notify();
      }
    };
    const fetcher = fetchLoop();
    while (!this.signal.aborted) {
      if (queue.length === 0) {
        if (!fetching) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const batch = queue.splice(0, MAX_PAGES_PER_COMMIT);
      const last = batch[batch.length - 1]!;
      this.applyPage(spec.name, batch.length === 1 ? last : mergePages(batch));
      if (last.caughtUp) {
        this.caughtUp(spec.name);
        this.onCaughtUp();
      }
    }
    await fetcher;
    if (failure !== null && !this.signal.aborted) throw failure;
  }

  private readonly caughtUpWaiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  private waiterFor(stream: string) {
    let waiter = this.caughtUpWaiters.get(stream);
    if (!waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      waiter = { promise, resolve };
      this.caughtUpWaiters.set(stream, waiter);
    }
    return waiter;
  }

  /** Resolves once `stream` has caught up in this run, or at once if it had before. */
  private caughtUpOnce(stream: string): Promise<void> {
    if (this.cache.cursor(stream).complete) return Promise.resolve();
    const abort = new Promise<void>((resolve) => this.signal.addEventListener('abort', () => resolve(), { once: true }));
    return Promise.race([this.waiterFor(stream).promise, abort]);
  }

  private caughtUp(stream: string): void {
    this.waiterFor(stream).resolve();
  }

  /**
   * A page named requesters whose record has not arrived (a new customer's ticket came through the
   * ticket export before the users export got to them): look them up now, in the background, so
   * the case does not read "Unknown customer" meanwhile. Failing is fine: the people stream brings them.
   */
  private lookUpUnknownPeople(): void {
    const unknown = this.cache.takeUnknownPeople();
    const { connector } = this.options;
    if (unknown.length === 0 || !connector.fetchPeople || this.signal.aborted || this.options.mayConnect?.() === false) return;
    connector
      .fetchPeople(unknown, this.signal)
      .then((page) => {
        if (!this.signal.aborted && (page.people?.length ?? 0) > 0) this.applyPage(null, page);
      })
      .catch(() => undefined);
  }

  /** Fetches a case's thread now unless the cache already has all of it. */
  ensureThread(caseId: number): Promise<void> {
    const existing = this.threadFetches.get(caseId);
    if (existing) return existing;
    const row = this.options.db.prepare('SELECT remote_id AS remoteId, thread_complete AS complete FROM cases WHERE id = ? AND account_id = ?').get(caseId, this.options.accountId) as
      | { remoteId: string; complete: number }
      | undefined;
    if (!row || row.complete === 1 || this.cache.cursor('messages').complete) return Promise.resolve();
    const fetch = this.retrying(`thread:${row.remoteId}`, () =>
      this.options.connector.fetchThread(row.remoteId, this.signal).catch((error: unknown): PullPage => {
        // The ticket is gone from the helpdesk: it leaves the inbox instead of loading forever.
        if (error instanceof PermanentRemoteError && error.status === 404) {
          return { deletedCases: [{ remoteId: row.remoteId, generatedTs: Math.floor(Date.now() / 1000) }], cursor: null, caughtUp: true };
        }
        throw error;
      }),
    )
      .then((page) => {
        this.applyPage(null, page);
      })
      .finally(() => this.threadFetches.delete(caseId));
    this.threadFetches.set(caseId, fetch);
    return fetch;
  }

  private readonly caseRefreshes = new Map<number, Promise<void>>();

  /**
   * Brings one case (fields and whole thread) now, once, without retries: a teammate announced a
   * change on a case the agent is working, so it should not wait for the next poll. Failing is
   * fine: the follow poll brings it anyway.
   */
  refreshCase(caseId: number): Promise<void> {
    const existing = this.caseRefreshes.get(caseId);
    if (existing) return existing;
    const remoteId = this.options.db.prepare('SELECT remote_id FROM cases WHERE id = ? AND account_id = ? AND synced = 1').pluck().get(caseId, this.options.accountId) as string | undefined;
    if (remoteId === undefined || this.options.mayConnect?.() === false) return Promise.resolve();
    const connector = this.options.connector as SyncEngineOptions['connector'] & { fetchCase?(remoteId: string, signal?: AbortSignal): Promise<RemoteCase | null> };
    const refresh = (async () => {
      const [remote, thread] = await Promise.all([connector.fetchCase?.(remoteId, this.signal) ?? Promise.resolve(null), connector.fetchThread(remoteId, this.signal)]);
      this.applyPage(null, { ...thread, ...(remote ? { cases: [remote] } : {}) });
    })()
      .catch(() => undefined)
      .finally(() => this.caseRefreshes.delete(caseId));
    this.caseRefreshes.set(caseId, refresh);
    return refresh;
  }

  /** The refresh of `caseId` under way, if any. */
  caseRefresh(caseId: number): Promise<void> | undefined {
    return this.caseRefreshes.get(caseId);
  }

  /** Step: indexes stored messages for search until caught up. */
  indexSearchNow(): number {
    let total = 0;
    for (let n = this.indexer.step(); n > 0; n = this.indexer.step()) total += n;
    return total;
  }

  private async indexLoop(): Promise<void> {
    while (!this.signal.aborted) {
      const indexed = this.indexer.step(5000);
      if (indexed > 0) {
        this.scheduleProgress();
        await new Promise((resolve) => setImmediate(resolve));
      } else await sleep(200, this.signal).catch(() => undefined);
    }
  }

  private applyPage(stream: string | null, page: PullPage): AppliedPage {
    const applied = this.cache.applyPage(stream, page);
    this.lookUpUnknownPeople();
    const kinds: ChangeSet['kinds'] = [];
    if (applied.cases > 0 || (page.cases?.length ?? 0) > 0) kinds.push('cases');
    if (applied.messages > 0) kinds.push('messages');
    if (applied.customerIds.length > 0) kinds.push('customers');
    if (page.groups || page.organizations || page.people?.some((p) => p.role !== 'customer')) kinds.push('directory');
    if (this.state !== 'syncing' && this.state !== 'following') this.setState('syncing');
    // An empty page (a quiet poll) changes no count: nothing to announce.
    if (kinds.length === 0) return applied;
    this.options.onChange?.({ kinds, caseIds: applied.caseIds, customerIds: applied.customerIds });
    this.scheduleProgress();
    return applied;
  }

  private onCaughtUp(): void {
    const streams = this.options.connector.streams().filter((s) => s.follows);
    if (!streams.every((s) => this.cache.cursor(s.name).complete || this.degraded.has(s.name))) return;
    const first = this.phase !== 'done';
    // Refresh the query planner's statistics once the backfill has landed.
    if (first) this.options.db.pragma('optimize');
    this.phase = 'done';
    // Every stream polls every few seconds; a quiet poll must cost the UI nothing. "Last synced"
    // is written (and announced) when the state changes, else at most every LAST_SYNCED_EVERY_MS.
    const now = Date.now();
    if (!first && this.state === 'following' && now - this.lastSyncedWrittenAt < LAST_SYNCED_EVERY_MS) return;
    this.lastSyncedWrittenAt = now;
    this.accounts.setStatus(this.options.accountId, 'ok', null, now);
    this.setState('following', true);
  }

  /**
   * Runs a remote call and tries again until it works: network trouble and 5xx back off with full
   * jitter (ended early when the network is back), a 429 waits its Retry-After, and a lasting
   * refusal (403, 404, other 4xx, a payload we cannot read) waits minutes, not seconds. Problems
   * are tracked per step: one step's success never hides another's. `attempts`: give up (throw)
   * after that many failures; `onLasting`: told of a lasting refusal (the caller goes on without it).
   */
  private async retrying<T>(what: string, call: () => Promise<T>, attempts?: number, onLasting?: (error: unknown) => void): Promise<T> {
    let lastingTries = 0;
    for (let attempt = 0; ; attempt++) {
      while (this.options.mayConnect?.() === false) await pause(250, this.signal, this.options.wake?.signal);
      try {
        const result = await call();
        if (this.problems.delete(what)) this.reportProblems();
        return result;
      } catch (error) {
        if (this.signal.aborted) throw error;
        if (error instanceof AuthError) throw error;
        if (!isRemoteFailure(error)) throw error;
        const { problem, status } = problemOf(error);
        // A refusal is lasting at once; a page we cannot read may be a passing fault (a proxy cut
        // it short), so it is tried a few times quickly before it counts as lasting.
        const lasting = isLasting(problem) && (problem !== 'unreadable' || attempt >= UNREADABLE_QUICK_TRIES);
        const delay =
          error instanceof RateLimitedError
            ? error.retryAfterMs
            : lasting
              ? lastingDelay(lastingTries++)
              : error instanceof TransientRemoteError && error.retryAfterMs !== null
                ? error.retryAfterMs
                : fullJitterDelay(Math.min(attempt, 8), this.options.backoff ?? DEFAULT_BACKOFF);
        // A step with a bounded number of tries gives up at once on a refusal: its caller goes on
        // and tries it again later, rather than waiting minutes here.
        const given = attempts !== undefined && (attempt + 1 >= attempts || lasting);
        const previous = this.problems.get(what);
        const step = stepOf(what);
        this.problems.set(what, {
          step,
          problem,
          status,
          // Refreshes of single cases pass or are tried again by themselves: not an account error.
          severity: step === 'refresh' || step === 'threads' ? (problem === 'unreachable' ? 'offline' : 'transient') : severityOf(problem),
          detail: `${what}: ${technicalText(error)}`,
          since: previous?.since ?? Date.now(),
          retryAt: given ? Date.now() + lastingDelay(0) : Date.now() + delay,
        });
        this.options.onDecision?.({ stream: what, action: 'retry', reason: this.problems.get(what)!.detail });
        this.reportProblems();
        if (given) throw error;
        if (lasting) onLasting?.(error);
        // Retry-After is the helpdesk's to set; other waits end when the network comes back.
        await pause(delay, this.signal, error instanceof RateLimitedError ? undefined : this.options.wake?.signal);
      }
    }
  }

  private readonly problems = new Map<string, SyncNotice>();

  /** The steps not working now, worst first (errors, then the network, then passing trouble). */
  notices(): SyncNotice[] {
    const rank = { error: 0, offline: 1, transient: 2 } as const;
    return [...this.problems.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || a.since - b.since);
  }

  /** Derives the account status, error and state from the steps' current problems. */
  private reportProblems(): void {
    const all = this.notices();
    const worst = all[0];
    this.error = worst?.detail ?? null;
    this.nextRetryAt = worst ? Math.min(...all.map((p) => p.retryAt ?? Number.POSITIVE_INFINITY)) : null;
    if (this.nextRetryAt === Number.POSITIVE_INFINITY) this.nextRetryAt = null;
    // The account is in error only when its cases cannot sync: a broken page of a case stream. A
    // refused directory step, or exports refused to an agent who is not an admin (search snapshots
    // stand in), leave it working: the notices say what is missing.
    const broken = all.some((p) => p.severity === 'error' && CASE_STREAMS.has(p.step) && p.problem !== 'forbidden' && p.problem !== 'not-found');
    const status = broken ? 'error' : worst === undefined || worst.severity === 'error' ? (this.phase === 'done' ? 'ok' : 'syncing') : worst.severity === 'offline' ? 'offline' : 'syncing';
    this.accounts.setStatus(this.options.accountId, status, this.error);
    this.setState(worst === undefined ? (this.phase === 'done' ? 'following' : 'syncing') : worst.severity === 'offline' ? 'offline' : worst.severity === 'error' ? this.stateWhileDegraded() : 'backing-off', true);
  }

  /** With a step refused, the rest still syncs: say so rather than "backing off". */
  private stateWhileDegraded(): SyncState {
    return this.phase === 'done' ? 'following' : 'syncing';
  }

  private fail(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
    const { problem, status } = problemOf(error);
    this.problems.set('identity', { step: 'identity', problem, status, severity: 'error', detail: this.error, since: Date.now(), retryAt: null });
    this.accounts.setStatus(this.options.accountId, 'error', this.error);
    this.options.onDecision?.({ stream: '*', action: 'stop', reason: this.error });
    this.setState('error', true);
    this.abort.abort(error); // stop sibling streams: nothing works until the account is fixed
  }

  /** Announces the state; the account row (status, error, last synced) counts as changed when the state does or the caller says so. */
  private setState(state: SyncState, accountChanged = false): void {
    const changed = accountChanged || state !== this.state;
    this.state = state;
    this.emitProgress();
    if (changed) this.options.onChange?.({ kinds: ['accounts'], caseIds: [], customerIds: [] });
  }

  /** Progress is coalesced to at most a few events a second; counting is cheap but not free. */
  private scheduleProgress(): void {
    if (this.progressTimer || !this.options.onProgress) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      this.emitProgress();
    }, 250);
  }

  /** Rows stored and time spent storing and indexing them (the ingest benchmark reads this). */
  ingestStats(): { messageRows: number; messageMs: number; indexRows: number; indexMs: number } {
    return { ...this.cache.ingest, indexRows: this.indexer.stats.rows, indexMs: this.indexer.stats.ms };
  }

  progress(): SyncProgress {
    const accountId = this.options.accountId;
    const { cases, messages, people } = this.cache.totals;
    const account = this.accounts.get(accountId);
    // A follow stream the helpdesk refuses counts as done: nothing more will come from it for now
    // (its notice says so).
    const historyComplete = this.options.connector.streams().filter((s) => s.follows).every((s) => this.cache.cursor(s.name).complete || this.degraded.has(s.name));
    const messagesTotal = historyComplete
      ? messages
      : (this.messagesEstimate ?? (this.casesTotal && cases > 0 ? Math.round((messages / Math.max(cases, 1)) * this.casesTotal) : null));
    // Without a case count (a mailbox), cases are estimated from the messages read so far.
    const casesTotal = this.casesTotal ?? (this.messagesEstimate !== null && messages > 0 ? Math.max(cases, Math.round((cases / messages) * this.messagesEstimate)) : null);
    return {
      accountId,
      state: this.state,
      phase: this.phase,
      cases: { done: cases, total: historyComplete ? cases : casesTotal },
      messages: { done: messages, total: messagesTotal },
      people,
      searchPending: this.indexer.pending(),
      firstWorkReady: this.firstWorkReady,
      historyComplete,
      lastSyncedAt: account?.lastSyncedAt ?? null,
      error: this.error,
      nextRetryAt: this.nextRetryAt,
      notices: this.notices(),
      recordIssues: this.cache.recordIssues.counts(),
    };
  }

  private emitProgress(): void {
    if (this.options.onProgress) this.options.onProgress(this.progress());
  }
}

/** A failure of the remote side (answered badly or not at all), as opposed to a bug or a local fault. */
function isRemoteFailure(error: unknown): boolean {
  return error instanceof TransientRemoteError || error instanceof PayloadError || error instanceof PermanentRemoteError;
}

/** The step a problem belongs to: a stream's name, or `threads` for case threads fetched on demand. */
function stepOf(what: string): string {
  return what.startsWith('thread:') ? 'threads' : what;
}
