import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, type AttachmentContent, type NetworkStatusView, type OutboxDecisionResult } from '../../../src-shared/contract/models';
import { METHODS, type DirectoryView, type EventName, type EventPayloads, type MethodId, type MethodInput, type MethodOutputs, type SyncStatusView } from '../../../src-shared/contract/api';
import type { SyncNotice } from '../../../src-shared/contract/sync';
import type { RemoteAttachment } from '../connectors/connector';
import { ZendeskConnector } from '../connectors/zendesk/zendesk-connector';
import { EmailConnector } from '../connectors/email/email-connector';
import { readMailConfig } from '../connectors/email/mail-config';
import { openDatabase, type Db } from '../db/connection';
import type { AccountRow } from '../db/repos/accounts-repo';
import type { SecretStore } from '../secrets/secret-store';
import { AccountService, type SecretsCheck } from '../services/account-service';
import { CaseService } from '../services/case-service';
import { CustomerService } from '../services/customer-service';
import { InboxService } from '../services/inbox-service';
import { SearchService } from '../services/search-service';
import { SyncEngine } from '../sync/sync-engine';
import { OutboxRepo } from '../db/repos/outbox-repo';
import { AttentionReader } from '../db/repos/attention-reader';
import { RecordIssues } from '../db/repos/record-issues';
import { OutboxSender } from '../outbox/outbox-sender';
import { NetworkMonitor } from '../services/network-monitor';
import { OutboxService } from '../services/outbox-service';
import { caseEventsFor, CorePresence, type PresenceTuning } from '../presence/core-presence';
import { RecentCaseEvents } from '../presence/recent-case-events';
import { SendGuard } from '../outbox/send-guard';
import { MacroService } from '../services/macro-service';
import { SmartPriorityService } from '../services/smart-priority-service';
import { RoutingService } from '../services/routing-service';
import { SlaService } from '../services/sla-service';
import { SupervisorService } from '../services/supervisor-service';
import { supervisorSlaSource } from '../services/supervisor-sla';

/** How long a guarded send waits for a case refresh under way (a teammate's announced change). */
const SEND_WAITS_FOR_REFRESH_MS = 1500;

export interface CoreOptions {
  /** The profile database file (one per agent profile). */
  dbPath: string;
  secrets: SecretStore;
  nativeBinding?: string;
  followIntervalMs?: number;
  /** Start syncing every account at start (false in tests that drive sync by hand). */
  autoSync?: boolean;
  /** Presence timings (tests shorten the heartbeat and expiry); defaults: docs/presence.md. */
  presence?: PresenceTuning;
}

/**
 * The shortest pause between polls of a caught-up export. The rate budget paces them further: a
 * remote Zendesk allows 10 export requests a minute for all exports together, so its three export
 * streams poll about every 22 s (docs/zendesk-conformance.md); a helpdesk on this machine (the
 * embedded demo) announces a larger budget and is polled every 2 s, so live traffic shows up soon.
 */
export function followIntervalFor(baseUrl: string): number {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.') ? 2000 : 10_000;
}

type Handlers = { [M in MethodId]: (input: z.output<(typeof METHODS)[M]>) => Promise<MethodOutputs[M]> | MethodOutputs[M] };

export class InvalidInputError extends Error {
  constructor(method: string, detail: string) {
    super(`Invalid input for ${method}: ${detail}`);
    this.name = 'InvalidInputError';
  }
}

/**
 * Core: every rule and all I/O behind the contract of src-shared/contract. It never imports
 * Electron; the worker entry runs it off the UI thread and shells talk to it through RPC.
 */
export class ShiftdeskCore {
  readonly db: Db;
  private readonly events = new EventEmitter();
  private readonly engines = new Map<number, SyncEngine>();
  private readonly senders = new Map<number, OutboxSender>();
  readonly outbox: OutboxService;
  readonly network: NetworkMonitor;
  readonly accounts: AccountService;
  readonly inbox: InboxService;
  readonly cases: CaseService;
  readonly customers: CustomerService;
  readonly searchService: SearchService;
  readonly presence: CorePresence;
  readonly macros: MacroService;
  /** Smart priority scores and weights, and routing suggestions (docs/smart-priority.md). */
  readonly priority: SmartPriorityService;
  readonly routing: RoutingService;
  /** SLA policies and clocks (docs/sla.md). */
  readonly sla: SlaService;
  readonly supervisor: SupervisorService;
  /** Teammates' case events, for the send-time guard. */
  private readonly recentCaseEvents = new RecentCaseEvents();
  /** The cases in front of the agent, kept fresh between export polls. */
  private readonly attention: AttentionReader;
  /**
   * Accounts whose sync could not start (a secret missing from the keychain, damaged settings),
   * with why: their status says so, rather than leaving them out while the others say "Synced".
   */
  private readonly unstarted = new Map<number, SyncNotice>();

  constructor(private readonly options: CoreOptions) {
    this.db = openDatabase({ path: options.dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    this.accounts = new AccountService(this.db, options.secrets);
    this.attention = new AttentionReader(this.db);
    this.inbox = new InboxService(this.db);
    this.network = new NetworkMonitor(
      (accountId, signal) => this.probe(accountId, signal),
      () => this.emit('onNetworkStatus', this.networkStatus()),
      // A helpdesk is back (or "Work offline" was turned off): its sync pauses end through
      // `network.wakeupFor(account)`; its outbox goes at once, including actions that were waiting
      // out a network backoff; order lookups put off while offline run for the customers still on screen.
      {
        onResume: (accountId) => {
          this.senders.get(accountId)?.resume();
          this.customers.resumeOrderLookups();
        },
      },
    );
    this.cases = new CaseService(this.db, (caseId) => this.ensureThread(caseId), (caseId) => this.outbox.forCase(caseId));
    this.outbox = new OutboxService(this.db, new OutboxRepo(this.db), new SendGuard(this.db, this.cases, this.recentCaseEvents));
    this.customers = new CustomerService(
      this.db,
      (emails) => this.recentOrders(emails),
      (customerId) => this.emit('onChange', { kinds: ['customers'], caseIds: [], customerIds: [customerId] }),
      // Offline (by choice, or no account that looks orders up can be reached), nothing goes out:
      // the pane shows the orders cached before. Another account being down does not matter.
      { mayLookUp: () => this.network.mayConnect() && !this.orderSourcesUnreachable() },
    );
    this.macros = new MacroService(this.db, this.outbox);
    this.priority = new SmartPriorityService(this.db, { onScored: (caseIds) => this.emit('onChange', { kinds: ['cases'], caseIds, customerIds: [] }) });
    this.routing = new RoutingService(this.db, () => this.presence.view());
    this.sla = new SlaService(this.db);
    this.searchService = new SearchService(this.db, () => this.inbox.myAgentIds());
    this.presence = new CorePresence({
      db: this.db,
      secrets: options.secrets,
      ...(options.presence ? { tuning: options.presence } : {}),
      onChange: (change) => this.emit('onPresence', change),
      onConnection: (status) => this.emit('onPresenceConnection', status),
      onCaseEvent: (event) => {
        this.recentCaseEvents.add(event);
        this.refreshAfterEvent(event.caseId);
        this.emit('onCaseEvent', event);
      },
    });
    this.supervisor = new SupervisorService(this.db, { presence: () => this.presence.view(), sla: supervisorSlaSource(this.db, this.sla), myAgentIds: () => this.inbox.myAgentIds() });
  }

  async start(): Promise<void> {
    this.sla.refreshStale();
    this.priority.start();
    // Presence connects in the background: core works on without a broker.
    await this.presence.start();
    if (this.options.autoSync === false) return;
    for (const account of this.accounts.repo.list()) await this.startSync(account);
  }

  async stop(): Promise<void> {
    this.network.stop();
    this.priority.stop();
    await this.presence.close().catch(() => undefined);
    await Promise.all([...this.senders.values()].map((sender) => sender.stop()));
    await Promise.all([...this.engines.values()].map((engine) => engine.stop()));
    this.senders.clear();
    this.engines.clear();
    this.db.close();
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (event === 'onChange') {
      const kinds = (payload as EventPayloads['onChange']).kinds;
      // Sync changed what smart priority reads: re-score those cases (a few now, many in the background).
      if (kinds.includes('cases') || kinds.includes('messages') || kinds.includes('customers')) this.priority.afterChange();
      if (kinds.includes('cases') || kinds.includes('directory')) this.inbox.invalidate();
      // My agent record (my display name on the presence broker) arrives with the directory.
      if (kinds.includes('directory') || kinds.includes('accounts')) this.presence.refreshName();
    }
    this.events.emit(event, payload);
  }

  /** The single entry for every contract method: validates the input, then dispatches. */
  async call<M extends MethodId>(method: M, rawInput: MethodInput<M>): Promise<MethodOutputs[M]> {
    const schema = METHODS[method];
    if (!schema) throw new InvalidInputError(String(method), 'unknown method');
    const parsed = schema.safeParse(rawInput ?? {});
    if (!parsed.success) throw new InvalidInputError(method, parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    return await this.dispatch(method, parsed.data as z.output<(typeof METHODS)[M]>);
  }

  private readonly handlers: Handlers = {
    'accounts:list': () => this.accounts.list(),
    'accounts:add': async (input) => {
      const row = await this.accounts.add(input);
      this.emit('onChange', { kinds: ['accounts'], caseIds: [], customerIds: [] });
      if (this.options.autoSync !== false) await this.startSync(row);
      return this.accounts.view(this.accounts.repo.get(row.id) ?? row);
    },
    'accounts:setSecrets': async (input) => {
      const { row, checked } = await this.accounts.setSecrets(input);
      this.accounts.noteSecrets(row.id, await this.accounts.checkSecrets(row));
      // Sync starts again with them (an engine signed out with a refused token is replaced).
      if (this.options.autoSync !== false) await this.retrySync(row.id);
      else this.unstarted.delete(row.id);
      this.emit('onChange', { kinds: ['accounts'], caseIds: [], customerIds: [] });
      return { account: this.accounts.view(this.accounts.repo.get(row.id) ?? row), checked };
    },
    'accounts:remove': async ({ id }) => {
      await this.senders.get(id)?.stop();
      this.senders.delete(id);
      await this.engines.get(id)?.stop();
      this.engines.delete(id);
      this.network.forget(id);
      this.unstarted.delete(id);
      const removed = await this.accounts.remove(id);
      this.emit('onChange', { kinds: ['accounts', 'cases', 'customers'], caseIds: [], customerIds: [] });
      return { removed };
    },
    'accounts:test': (input) => this.accounts.test(input),
    'inbox:list': (input) => this.priority.page(this.inbox.list(input)),
    'inbox:counts': () => this.inbox.counts(),
    'cases:get': ({ id }) => this.priority.detail(this.cases.get(id)),
    'customers:get': ({ id }) => this.customers.get(id),
    'search:query': (input) => this.searchService.search(input),
    'sync:status': () => this.syncStatus(),
    'sync:retry': async ({ accountId }) => ({ restarted: await this.retrySync(accountId) }),
    'sync:recordIssues': ({ accountId }) => this.engines.get(accountId)?.cache.recordIssues.list() ?? new RecordIssues(this.db, accountId).list(),
    'directory:get': () => this.directory(),
    'cases:act': ({ caseIds, intent }) => this.afterOutboxChange(caseIds, { actions: this.outbox.act(caseIds, intent) }),
    'cases:send': async ({ caseId, intent }) => {
      // A teammate's announced change being fetched right now is worth a short wait: the agent
      // then sees the reply itself, not only that there is one.
      const refresh = this.caseRefresh(caseId);
      if (refresh) await Promise.race([refresh, new Promise((resolve) => setTimeout(resolve, SEND_WAITS_FOR_REFRESH_MS))]);
      const result = this.outbox.send(caseId, intent);
      if (result.action) return this.afterOutboxChange([caseId], result);
      return result;
    },
    'outbox:list': () => this.outbox.list(),
    'outbox:retry': ({ id }) => this.outboxStep(id, () => this.outbox.repo.retry(id)),
    'outbox:discard': ({ id, shown }) => this.outboxDecision(id, () => this.outbox.decide(id, 'discard', shown ? { shown } : {})),
    'outbox:applyAnyway': ({ id, shown }) => this.outboxDecision(id, () => this.outbox.decide(id, 'apply', shown ? { shown } : {})),
    'outbox:edit': ({ id, intent, shown }) => this.outboxDecision(id, () => this.outbox.decide(id, 'edit', { intent, ...(shown ? { shown } : {}) })),
    'outbox:review': ({ caseId }) => this.outbox.review(caseId),
    'outbox:decisions': ({ caseId }) => this.outbox.decisions(caseId),
    'drafts:get': ({ caseId }) => this.outbox.draft(caseId),
    'drafts:save': ({ caseId, body, mode }) => this.outbox.saveDraft(caseId, body, mode),
    'network:status': () => this.networkStatus(),
    'network:setOffline': ({ offline }) => {
      this.network.setForcedOffline(offline);
      return this.networkStatus();
    },
    'app:info': () => ({ secretStore: this.options.secrets.kind }),
    'presence:get': ({ caseIds }) => this.presence.view(caseIds),
    'presence:setStatus': ({ status }) => this.presence.setStatus(status),
    'presence:setActivity': ({ caseId, activity }) => this.presence.setActivity(caseId, activity),
    'presence:leave': ({ caseId }) => this.presence.leave(caseId),
    'presence:settings:get': () => this.presence.settingsView(),
    'presence:settings:set': (input) => this.presence.setSettings(input),
    'macros:list': () => this.macros.list(),
    'macros:save': (input) => {
      const saved = this.macros.save(input);
      this.emitMacros();
      return saved;
    },
    'macros:delete': ({ id }) => {
      const result = this.macros.delete(id);
      if (result.deleted) this.emitMacros();
      return result;
    },
    'macros:suggest': ({ caseId, limit }) => this.macros.suggest(caseId, limit),
    'macros:context': ({ caseId }) => this.macros.context(caseId),
    'priority:settings:get': () => this.priority.settingsView(),
    'priority:settings:set': ({ weights }) => this.priority.setWeights(weights),
    'priority:preview': ({ weights, limit }) => this.priority.preview(weights, limit),
    'routing:suggest': ({ caseId, limit }) => this.routing.suggest(caseId, limit),
    'macros:used': ({ id }) => {
      const result = this.macros.used(id);
      if (result.ok) this.emitMacros();
      return result;
    },
    'supervisor:get': () => this.supervisor.get(),
    'supervisor:access': () => this.supervisor.access(),
    'sla:policies:list': () => this.sla.list(),
    'sla:policies:save': (input) => {
      const saved = this.sla.save(input);
      if (!saved) throw new InvalidInputError('sla:policies:save', `no SLA policy ${input.id}`);
      this.emit('onChange', { kinds: ['cases'], caseIds: [], customerIds: [] });
      return saved;
    },
    'sla:policies:delete': ({ id }) => {
      const deleted = this.sla.delete(id);
      if (deleted) this.emit('onChange', { kinds: ['cases'], caseIds: [], customerIds: [] });
      return { deleted };
    },
    'attachments:get': ({ messageId, attachmentId }) => this.attachment(messageId, attachmentId),
    'macros:applyBulk': ({ macroId, caseIds }) => {
      const result = this.macros.applyBulk(macroId, caseIds);
      this.emitMacros();
      if (result.actions.length === 0) return result;
      return this.afterOutboxChange(
        result.actions.map((a) => a.caseId),
        result,
      );
    },
  };

  /** A message's file, fetched from its channel (a mailbox keeps files on the server). */
  private async attachment(messageId: number, attachmentId: string): Promise<AttachmentContent> {
    const row = this.db.prepare('SELECT account_id AS accountId, remote_id AS remoteId, attachments_json AS json FROM messages WHERE id = ?').get(messageId) as
      | { accountId: number; remoteId: string; json: string | null }
      | undefined;
    const file = row?.json ? (JSON.parse(row.json) as RemoteAttachment[]).find((a) => a.id === attachmentId) : undefined;
    if (!row || !file) throw new InvalidInputError('attachments:get', `no file ${attachmentId} on message ${messageId}`);
    const connector = this.engines.get(row.accountId)?.connector;
    if (!connector?.fetchAttachment) throw new Error(`${file.fileName} cannot be fetched from this account`);
    if (!this.network.mayConnect()) throw new Error(`${file.fileName} can be opened once you are back online`);
    const bytes = await connector.fetchAttachment(row.remoteId, file, MAX_ATTACHMENT_BYTES);
    return { fileName: file.fileName, contentType: file.contentType, dataBase64: bytes.toString('base64') };
  }

  private emitMacros(): void {
    this.emit('onChange', { kinds: ['macros'], caseIds: [], customerIds: [] });
  }

  networkStatus(): NetworkStatusView {
    const counts = this.outbox.repo.counts();
    return { online: this.network.online && !this.network.forcedOffline, forcedOffline: this.network.forcedOffline, unreachable: this.network.unreachable(), outbox: counts };
  }

  /** An outbox change: tell the UI, and wake the senders. */
  private afterOutboxChange<T>(caseIds: readonly number[], result: T): T {
    this.emit('onChange', { kinds: ['cases', 'messages', 'outbox'], caseIds: [...caseIds], customerIds: [] });
    this.emit('onNetworkStatus', this.networkStatus());
    for (const sender of this.senders.values()) sender.kick();
    return result;
  }

  private outboxDecision(id: string, decide: () => OutboxDecisionResult): OutboxDecisionResult {
    const before = this.outbox.repo.get(id);
    if (!before) return { ok: false };
    const result = decide();
    // Nothing changed when the agent must look again; the dialog reads the case's queue afresh.
    return result.changed ? result : this.afterOutboxChange([before.caseId], result);
  }

  private outboxStep(id: string, step: () => unknown): { ok: boolean } {
    const before = this.outbox.repo.get(id);
    if (!before) return { ok: false };
    const result = step();
    return this.afterOutboxChange([before.caseId], { ok: result !== false });
  }

  /**
   * Can we reach this account's helpdesk? The network monitor's probe: one request, no retries
   * (`ping`); the monitor bounds it with a short timeout (`signal`).
   */
  private async probe(accountId: number, signal: AbortSignal): Promise<boolean> {
    const connector = this.engines.get(accountId)?.connector;
    if (!connector) return true; // removed meanwhile: nothing to wait for
    if (connector.ping) return await connector.ping(signal);
    await connector.whoAmI(signal);
    return true;
  }

  private directory(): DirectoryView {
    return {
      agents: (this.db.prepare('SELECT id, account_id AS accountId, name, email, active FROM agents ORDER BY name').all() as (Omit<DirectoryView['agents'][number], 'active'> & { active: number })[]).map(
        (agent) => ({ ...agent, active: agent.active === 1 }),
      ),
      groups: this.db.prepare('SELECT id, account_id AS accountId, name FROM groups ORDER BY name').all() as DirectoryView['groups'],
      tags: this.db.prepare('SELECT tag FROM case_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 200').pluck().all() as string[],
      me: this.inbox.myAgentIds(),
    };
  }

  /** Restarts an account's sync (after an error, or when the agent asks). */
  private async retrySync(accountId: number): Promise<boolean> {
    const account = this.accounts.repo.get(accountId);
    if (!account) return false;
    await this.senders.get(accountId)?.stop();
    this.senders.delete(accountId);
    await this.engines.get(accountId)?.stop();
    this.engines.delete(accountId);
    await this.startSync(account);
    return this.engines.has(accountId);
  }

  private dispatch<M extends MethodId>(method: M, input: z.output<(typeof METHODS)[M]>): Promise<MethodOutputs[M]> | MethodOutputs[M] {
    return (this.handlers[method] as (input: z.output<(typeof METHODS)[M]>) => Promise<MethodOutputs[M]> | MethodOutputs[M])(input);
  }

  syncStatus(): SyncStatusView[] {
    const statuses = [...this.engines.values()].map((engine) => engine.progress());
    for (const [accountId, notice] of this.unstarted) {
      if (this.engines.has(accountId)) continue;
      const account = this.accounts.repo.get(accountId);
      if (account) statuses.push(this.unstartedStatus(account, notice));
    }
    return statuses.sort((a, b) => a.accountId - b.accountId);
  }

  /** The status of an account whose sync could not start: in error, saying why; its cache as it was. */
  private unstartedStatus(account: AccountRow, notice: SyncNotice): SyncStatusView {
    const totals = this.accounts.repo.cachedTotals(account.id);
    return {
      accountId: account.id,
      state: 'error',
      phase: 'identity',
      cases: { done: totals.cases, total: null },
      messages: { done: totals.messages, total: null },
      people: totals.people,
      searchPending: 0,
      firstWorkReady: false,
      historyComplete: false,
      lastSyncedAt: account.lastSyncedAt,
      error: notice.detail,
      nextRetryAt: null,
      notices: [notice],
      recordIssues: new RecordIssues(this.db, account.id).counts(),
    };
  }

  /** Creates (without starting) the sync engine of an account. */
  async engineFor(account: AccountRow): Promise<SyncEngine> {
    const existing = this.engines.get(account.id);
    if (existing) return existing;
    const secrets = await this.accounts.checkSecrets(account);
    this.accounts.noteSecrets(account.id, secrets);
    if (secrets.missing.length > 0) this.missingSecrets(account, secrets);
    const connector = account.kind === 'email' ? await this.mailConnectorFor(account) : await this.helpdeskConnectorFor(account);
    const engine = new SyncEngine({
      db: this.db,
      accountId: account.id,
      connector,
      onChange: (change) => this.emit('onChange', change),
      onProgress: (progress) => this.emit('onSyncProgress', progress),
      mayConnect: () => this.network.mayConnect(),
      wake: this.network.wakeupFor(account.id),
      attention: () => this.attention.caseIds(this.presence.myCaseIds()),
      followIntervalMs: this.options.followIntervalMs ?? followIntervalFor(account.kind === 'email' ? `http://${readMailConfig(account.configJson).imap.host}` : account.baseUrl),
    });
    this.engines.set(account.id, engine);
    const sender = new OutboxSender({
      db: this.db,
      accountId: account.id,
      connector,
      cache: engine.cache,
      outbox: this.outbox.repo,
      onChange: (change) => {
        this.emit('onChange', change);
        this.emit('onNetworkStatus', this.networkStatus());
      },
      // No `onNetwork`: the connector's HTTP client reports every answer and connection failure.
      mayConnect: () => this.network.mayConnect() && this.network.isReachable(account.id),
      // Tell the other agents before their sync brings it (a reply, a status change, an assignment).
      onSent: ({ row, action, result }) => {
        for (const event of caseEventsFor(action, result.case?.version ?? null)) this.presence.announce(row.caseId, event);
      },
    });
    this.senders.set(account.id, sender);
    return engine;
  }

  /** The keychain lacks a secret of the account: it cannot sign in, and says so until the secret is entered again. */
  private missingSecrets(account: AccountRow, check: SecretsCheck): never {
    const names = { token: 'API token', password: 'mailbox password', smtpPassword: 'SMTP password' } as const;
    const what = check.missing.map((slot) => names[slot]).join(' and ');
    const store = this.options.secrets.kind === 'memory' ? 'secret store (kept in memory: gone after a restart)' : 'keychain';
    const detail = check.error ?? `No ${what} in the ${store} for account ${account.id} (${account.name})`;
    this.accounts.repo.setStatus(account.id, 'error', detail);
    const since = this.accounts.lackingSecrets(account.id)?.since ?? Date.now();
    this.unstarted.set(account.id, { step: 'identity', problem: 'secret-missing', status: null, severity: 'error', detail, since, retryAt: null });
    throw new Error(detail);
  }

  private async helpdeskConnectorFor(account: AccountRow): Promise<ZendeskConnector> {
    const token = await this.accounts.token(account.id);
    if (token === null) return this.missingSecrets(account, { missing: ['token'], error: null });
    return new ZendeskConnector({
      baseUrl: account.baseUrl,
      email: account.email,
      token,
      // Every request to the helpdesk (sync, threads, outbox sends) feeds the offline detection,
      // and its retry pauses end when the network is back.
      http: { onReachability: (reachable, sentAt) => this.network.report(account.id, !reachable, sentAt), wake: this.network.wakeupFor(account.id) },
    });
  }

  /** A mailbox (docs/email.md): its settings from the account, passwords from the keychain, threads from connector state. */
  private async mailConnectorFor(account: AccountRow): Promise<EmailConnector> {
    const secrets = await this.accounts.mailSecrets(account.id);
    if (secrets === null) return this.missingSecrets(account, { missing: ['password'], error: null });
    const config = readMailConfig(account.configJson);
    const stored = this.db.prepare('SELECT key, value FROM connector_state WHERE account_id = ?').all(account.id) as { key: string; value: string }[];
    return new EmailConnector({
      config,
      accountName: account.name,
      secrets,
      stored,
      mayConnect: () => this.network.mayConnect(),
      onReachability: (reachable, sentAt) => this.network.report(account.id, !reachable, sentAt),
    });
  }

  private async startSync(account: AccountRow): Promise<void> {
    try {
      const engine = await this.engineFor(account);
      this.unstarted.delete(account.id);
      void engine.start();
      void this.senders.get(account.id)?.start();
    } catch (error) {
      // A missing secret has its notice already; anything else (damaged mailbox settings) is named as it is.
      if (this.accounts.lackingSecrets(account.id) === null) {
        const detail = error instanceof Error ? error.message : String(error);
        this.accounts.repo.setStatus(account.id, 'error', detail);
        this.unstarted.set(account.id, { step: 'identity', problem: 'other', status: null, severity: 'error', detail, since: Date.now(), retryAt: null });
      }
      this.emit('onChange', { kinds: ['accounts'], caseIds: [], customerIds: [] });
    }
  }

  private ensureThread(caseId: number): void {
    const accountId = this.db.prepare('SELECT account_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
    const engine = accountId === undefined ? undefined : this.engines.get(accountId);
    engine?.ensureThread(caseId).catch(() => undefined);
  }

  /**
   * A teammate changed a case I am on or drafting on: fetch it now rather than at the next poll,
   * so the thread shows it and the send-time guard can show what it is.
   */
  private refreshAfterEvent(caseId: number): void {
    const hasDraft = this.db.prepare('SELECT 1 FROM drafts WHERE case_id = ?').get(caseId) !== undefined;
    if (!hasDraft && !this.presence.myCaseIds().includes(caseId)) return;
    const accountId = this.db.prepare('SELECT account_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
    const engine = accountId === undefined ? undefined : this.engines.get(accountId);
    void engine?.refreshCase(caseId);
  }

  private caseRefresh(caseId: number): Promise<void> | undefined {
    for (const engine of this.engines.values()) {
      const refresh = engine.caseRefresh(caseId);
      if (refresh) return refresh;
    }
    return undefined;
  }

  /** The reachable accounts whose connector looks up a customer's orders. */
  private orderSources(): SyncEngine['connector'][] {
    return [...this.engines].filter(([accountId, engine]) => engine.connector.recentOrders && this.network.isReachable(accountId)).map(([, engine]) => engine.connector);
  }

  /** Orders are looked up through some account, and none of those can be reached now. */
  private orderSourcesUnreachable(): boolean {
    const withOrders = [...this.engines].filter(([, engine]) => engine.connector.recentOrders);
    return withOrders.length > 0 && withOrders.every(([accountId]) => !this.network.isReachable(accountId));
  }

  private async recentOrders(emails: string[]) {
    for (const connector of this.orderSources()) {
      if (!connector.recentOrders) continue;
      for (const email of emails) {
        const orders = await connector.recentOrders(email);
        if (orders.length > 0) return orders;
      }
      return [];
    }
    return null;
  }
}
