import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { METHODS, type DirectoryView, type EventName, type EventPayloads, type MethodId, type MethodInput, type MethodOutputs, type SyncStatusView } from '../../../src-shared/contract/api';
import { ZendeskConnector } from '../connectors/zendesk/zendesk-connector';
import { openDatabase, type Db } from '../db/connection';
import type { AccountRow } from '../db/repos/accounts-repo';
import type { SecretStore } from '../secrets/secret-store';
import { AccountService, toAccountView } from '../services/account-service';
import { CaseService } from '../services/case-service';
import { CustomerService } from '../services/customer-service';
import { InboxService } from '../services/inbox-service';
import { SearchService } from '../services/search-service';
import { SyncEngine } from '../sync/sync-engine';

export interface CoreOptions {
  /** The profile database file (one per agent profile). */
  dbPath: string;
  secrets: SecretStore;
  nativeBinding?: string;
  followIntervalMs?: number;
  /** Start syncing every account at start (false in tests that drive sync by hand). */
  autoSync?: boolean;
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
  readonly accounts: AccountService;
  readonly inbox: InboxService;
  readonly cases: CaseService;
  readonly customers: CustomerService;
  readonly searchService: SearchService;

  constructor(private readonly options: CoreOptions) {
    this.db = openDatabase({ path: options.dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    this.accounts = new AccountService(this.db, options.secrets);
    this.inbox = new InboxService(this.db);
    this.cases = new CaseService(this.db, (caseId) => this.ensureThread(caseId));
    this.customers = new CustomerService(
      this.db,
      (emails) => this.recentOrders(emails),
      (customerId) => this.emit('onChange', { kinds: ['customers'], caseIds: [], customerIds: [customerId] }),
    );
    this.searchService = new SearchService(this.db, () => this.inbox.myAgentIds());
  }

  async start(): Promise<void> {
    if (this.options.autoSync === false) return;
    for (const account of this.accounts.repo.list()) await this.startSync(account);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.engines.values()].map((engine) => engine.stop()));
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
      if (kinds.includes('cases') || kinds.includes('accounts') || kinds.includes('directory')) this.inbox.invalidate();
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
      return toAccountView(row);
    },
    'accounts:remove': async ({ id }) => {
      await this.engines.get(id)?.stop();
      this.engines.delete(id);
      const removed = await this.accounts.remove(id);
      this.emit('onChange', { kinds: ['accounts', 'cases', 'customers'], caseIds: [], customerIds: [] });
      return { removed };
    },
    'accounts:test': (input) => this.accounts.test(input),
    'inbox:list': (input) => this.inbox.list(input),
    'inbox:counts': () => this.inbox.counts(),
    'cases:get': ({ id }) => this.cases.get(id),
    'customers:get': ({ id }) => this.customers.get(id),
    'search:query': (input) => this.searchService.search(input),
    'sync:status': () => this.syncStatus(),
    'sync:retry': async ({ accountId }) => ({ restarted: await this.retrySync(accountId) }),
    'directory:get': () => this.directory(),
  };

  private directory(): DirectoryView {
    return {
      agents: this.db.prepare('SELECT id, account_id AS accountId, name, email FROM agents ORDER BY name').all() as DirectoryView['agents'],
      groups: this.db.prepare('SELECT id, account_id AS accountId, name FROM groups ORDER BY name').all() as DirectoryView['groups'],
      tags: this.db.prepare('SELECT tag FROM case_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 200').pluck().all() as string[],
      me: this.inbox.myAgentIds(),
    };
  }

  /** Restarts an account's sync (after an error, or when the agent asks). */
  private async retrySync(accountId: number): Promise<boolean> {
    const account = this.accounts.repo.get(accountId);
    if (!account) return false;
    await this.engines.get(accountId)?.stop();
    this.engines.delete(accountId);
    await this.startSync(account);
    return this.engines.has(accountId);
  }

  private dispatch<M extends MethodId>(method: M, input: z.output<(typeof METHODS)[M]>): Promise<MethodOutputs[M]> | MethodOutputs[M] {
    return (this.handlers[method] as (input: z.output<(typeof METHODS)[M]>) => Promise<MethodOutputs[M]> | MethodOutputs[M])(input);
  }

  syncStatus(): SyncStatusView[] {
    return [...this.engines.values()].map((engine) => engine.progress());
  }

  /** Creates (without starting) the sync engine of an account. */
  async engineFor(account: AccountRow): Promise<SyncEngine> {
    const existing = this.engines.get(account.id);
    if (existing) return existing;
    const token = await this.accounts.token(account.id);
    if (token === null) {
      this.accounts.repo.setStatus(account.id, 'error', 'The API token is missing from the system keychain; add the account again.');
      throw new Error(`No token in the keychain for account ${account.id}`);
    }
    const engine = new SyncEngine({
      db: this.db,
      accountId: account.id,
      connector: new ZendeskConnector({ baseUrl: account.baseUrl, email: account.email, token }),
      onChange: (change) => this.emit('onChange', change),
      onProgress: (progress) => this.emit('onSyncProgress', progress),
      ...(this.options.followIntervalMs !== undefined ? { followIntervalMs: this.options.followIntervalMs } : {}),
    });
    this.engines.set(account.id, engine);
    return engine;
  }

  private async startSync(account: AccountRow): Promise<void> {
    try {
      const engine = await this.engineFor(account);
      void engine.start();
    } catch {
      this.emit('onChange', { kinds: ['accounts'], caseIds: [], customerIds: [] });
    }
  }

  private ensureThread(caseId: number): void {
    const accountId = this.db.prepare('SELECT account_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
    const engine = accountId === undefined ? undefined : this.engines.get(accountId);
    engine?.ensureThread(caseId).catch(() => undefined);
  }

  private async recentOrders(emails: string[]) {
    for (const engine of this.engines.values()) {
      const connector = engine.connector;
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
