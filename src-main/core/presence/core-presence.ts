// Presence inside core (DESIGN §7, docs/presence.md): the settings (SQLite: URL, username,
// workspace; the password only in the SecretStore), the PresenceService built from them (started
// in the background, rebuilt when the settings change, closed on shutdown), and the translation
// between the broker's helpdesk-wide case keys and this profile's LOCAL case ids, which is all the
// contract speaks. Core works on without a broker: nothing here waits for it.
import type { CaseEventView, PresenceSettingsInput, PresenceSettingsView, PresenceView } from '../../../src-shared/contract/models';
import type { CaseStatus } from '../../../src-shared/domain/case-fields';
import type { PresenceActivity, PresenceConnectionStatus, SettableAgentStatus } from '../../../src-shared/domain/presence';
import type { Db } from '../db/connection';
import type { SecretStore } from '../secrets/secret-store';
import type { CaseEventInput } from './presence-client';
import { PresenceService, type PresenceServiceOptions } from './presence-service';
import { presenceSecretKey, presenceSettingsSchema, type PresenceSettings } from './presence-settings';
import { caseKeyFor, helpdeskIdentity } from './topics';

/** Timings of the PresenceService (tests shorten them). */
export type PresenceTuning = Partial<Pick<PresenceServiceOptions, 'heartbeatMs' | 'expiryMs' | 'keepaliveSec' | 'connectTimeoutMs' | 'backoff'>>;

export interface CorePresenceOptions {
  db: Db;
  secrets: SecretStore;
  tuning?: PresenceTuning;
  /** Whose presence changed, in local case ids (`onPresence`). */
  onChange: (change: { caseIds: number[]; agentIds: string[] }) => void;
  onConnection: (status: PresenceConnectionStatus) => void;
  /** Another agent's case event on a case this profile has (`onCaseEvent`). */
  onCaseEvent: (event: CaseEventView) => void;
}

export class PresenceSettingsError extends Error {
  constructor(detail: string) {
    super(`Invalid presence settings: ${detail}`);
    this.name = 'InvalidInputError';
  }
}

/** The connection state while presence is not set up. */
const NOT_CONFIGURED: PresenceConnectionStatus = { state: 'unavailable', error: 'Presence is not set up (no broker in the settings)', nextRetryAt: null };

export class CorePresence {
  private service: PresenceService | null = null;
  private detach: (() => void)[] = [];
  /** Settings changes and shutdown, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The name the service publishes; it changes when sync first brings my agent record. */
  private publishedName: string | null = null;
  /** Why presence does not connect although it is set up (its password is gone from the keychain), or null. */
  private blocked: PresenceConnectionStatus | null = null;

  constructor(private readonly options: CorePresenceOptions) {}

  /** Builds and starts the service when settings exist (does not wait for the broker). */
  start(): Promise<void> {
    return this.serialized(async () => this.rebuild());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.serialized(() => this.stopService());
  }

  /**
   * The directory or the accounts changed: if my display name is known now (or changed), presence
   * starts again with it (a new connection; the others see the new name at once).
   */
  refreshName(): void {
    const settings = this.settings();
    if (!this.service || !settings || this.myName(settings.username) === this.publishedName) return;
    void this.serialized(async () => {
      const current = this.settings();
      if (this.service && current && this.myName(current.username) !== this.publishedName) await this.rebuild();
    }).catch(() => undefined);
  }

  // --- settings ----------------------------------------------------------------------------------

  settings(): PresenceSettings | null {
    const row = this.options.db.prepare('SELECT broker_url AS brokerUrl, username, workspace FROM presence_settings WHERE id = 1').get() as PresenceSettings | undefined;
    return row ?? null;
  }

  async settingsView(): Promise<PresenceSettingsView | null> {
    const settings = this.settings();
    if (!settings) return null;
    const password = await this.passwordState(settings);
    return { ...settings, hasPassword: password.has, passwordMissing: password.missing };
  }

  /** Was a password saved for the broker? (A flag: the password itself is only in the keychain.) */
  private needsPassword(): boolean {
    return this.options.db.prepare('SELECT needs_password FROM presence_settings WHERE id = 1').pluck().get() === 1;
  }

  /**
   * Is the broker password in the keychain, and is it missing although one was saved? A keychain
   * that cannot be read has none. A password found for a profile from before this was recorded is
   * recorded now, so its loss is noticed later.
   */
  private async passwordState(settings: PresenceSettings): Promise<{ has: boolean; missing: boolean; error: string | null }> {
    let has = false;
    let error: string | null = null;
    try {
      has = (await this.options.secrets.get(presenceSecretKey(settings))) !== null;
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    let needs = this.needsPassword();
    if (has && !needs) {
      this.options.db.prepare('UPDATE presence_settings SET needs_password = 1 WHERE id = 1').run();
      needs = true;
    }
    return { has, missing: needs && !has, error };
  }

  /** Saves the settings (the password to the SecretStore) and restarts presence with them. */
  async setSettings(input: PresenceSettingsInput): Promise<PresenceSettingsView> {
    const parsed = presenceSettingsSchema.safeParse({ brokerUrl: input.brokerUrl, username: input.username, workspace: input.workspace });
    if (!parsed.success) throw new PresenceSettingsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    const settings = parsed.data;
    return await this.serialized(async () => {
      const key = presenceSecretKey(settings);
      // A password is never carried to another broker or username (it could reach the wrong
      // server); the old one is deleted, not left behind in the keychain.
      const previous = this.settings();
      const previousKey = previous ? presenceSecretKey(previous) : null;
      if (previousKey !== null && previousKey !== key) await this.options.secrets.delete(previousKey);
      if (typeof input.password === 'string') await this.options.secrets.set(key, input.password);
      else if (input.password === null) await this.options.secrets.delete(key);
      // Whether this broker wants a password: one was just saved, or one is still expected for the same broker and username.
      const needsPassword = typeof input.password === 'string' || (input.password === undefined && previousKey === key && this.needsPassword());
      this.options.db
        .prepare(
          `INSERT INTO presence_settings (id, broker_url, username, workspace, updated_at, needs_password) VALUES (1, @brokerUrl, @username, @workspace, @now, @needsPassword)
           ON CONFLICT (id) DO UPDATE SET broker_url = excluded.broker_url, username = excluded.username, workspace = excluded.workspace, updated_at = excluded.updated_at,
             needs_password = excluded.needs_password`,
        )
        .run({ ...settings, now: Date.now(), needsPassword: needsPassword ? 1 : 0 });
      await this.rebuild();
      const password = await this.passwordState(settings);
      return { ...settings, hasPassword: password.has, passwordMissing: password.missing };
    });
  }

  // --- me ----------------------------------------------------------------------------------------

  setStatus(status: SettableAgentStatus): { ok: boolean } {
    if (!this.service) return { ok: false };
    this.service.setStatus(status).catch(() => undefined);
    return { ok: true };
  }

  setActivity(caseId: number, activity: PresenceActivity): { ok: boolean } {
    const key = this.caseKeyOf(caseId);
    if (!this.service || key === null) return { ok: false };
    this.service.setActivity(key, activity).catch(() => undefined);
    return { ok: true };
  }

  leave(caseId: number): { ok: boolean } {
    const key = this.caseKeyOf(caseId);
    if (!this.service || key === null) return { ok: false };
    this.service.leaveCase(key).catch(() => undefined);
    return { ok: true };
  }

  /** Announces an action of mine that landed on the helpdesk (queued while the broker is unreachable). */
  announce(caseId: number, event: CaseEventInput): void {
    const key = this.caseKeyOf(caseId);
    if (!this.service || key === null) return;
    this.service.publishCaseEvent(key, event).catch(() => undefined);
  }

  // --- reading -----------------------------------------------------------------------------------

  /** The local cases I am on (viewing, typing, sending) as presence knows it. */
  myCaseIds(): number[] {
    const me = this.service?.me();
    if (!me) return [];
    const localOf = this.resolver();
    return me.cases.flatMap((c) => {
      const id = localOf(c.caseKey);
      return id === null ? [] : [id];
    });
  }

  view(caseIds?: readonly number[]): PresenceView {
    const service = this.service;
    // Set up but not connecting (its password is missing): configured, and nobody known.
    if (!service) return { configured: this.blocked !== null, connection: this.connection, me: null, agents: [], cases: {} };
    const snapshot = service.snapshot();
    const localOf = this.resolver();
    const cases: PresenceView['cases'] = {};
    if (caseIds) {
      for (const caseId of caseIds) {
        const key = this.caseKeyOf(caseId);
        const others = key === null ? [] : service.forCase(key);
        if (others.length > 0) cases[caseId] = others.map(({ agentId, name, activity, since, at }) => ({ agentId, name, activity, since, at }));
      }
    } else {
      for (const [key, others] of Object.entries(snapshot.cases)) {
        const caseId = localOf(key);
        if (caseId !== null && others.length > 0) cases[caseId] = others.map(({ agentId, name, activity, since, at }) => ({ agentId, name, activity, since, at }));
      }
    }
    const me = snapshot.me;
    return {
      configured: true,
      connection: snapshot.connection,
      me: {
        agentId: me.agentId,
        name: me.name,
        status: me.status,
        currentCaseId: me.currentCase === null ? null : localOf(me.currentCase),
        cases: me.cases.flatMap((c) => {
          const caseId = localOf(c.caseKey);
          return caseId === null ? [] : [{ caseId, activity: c.activity, since: c.since }];
        }),
      },
      agents: snapshot.agents.map((a) => ({ agentId: a.agentId, name: a.name, status: a.status, currentCaseId: a.currentCase === null ? null : localOf(a.currentCase), at: a.at })),
      cases,
    };
  }

  get connection(): PresenceConnectionStatus {
    return this.service?.connection ?? this.blocked ?? NOT_CONFIGURED;
  }

  // --- case keys ↔ local case ids ---------------------------------------------------------------

  /** The broker's key of a local case: `<helpdesk identity>:<remote id>`; null for an unknown case. */
  caseKeyOf(caseId: number): string | null {
    const row = this.options.db.prepare('SELECT c.remote_id AS remoteId, a.base_url AS baseUrl FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?').get(caseId) as
      | { remoteId: string | null; baseUrl: string }
      | undefined;
    if (!row?.remoteId) return null;
    try {
      return caseKeyFor(row.baseUrl, row.remoteId);
    } catch {
      return null;
    }
  }

  /** Key → local case id, for the accounts of this profile (one pass over the accounts per call site). */
  private resolver(): (caseKey: string) => number | null {
    const accounts = (this.options.db.prepare('SELECT id, base_url AS baseUrl FROM accounts ORDER BY id').all() as { id: number; baseUrl: string }[]).flatMap((a) => {
      try {
        return [{ id: a.id, prefix: `${helpdeskIdentity(a.baseUrl)}:` }];
      } catch {
        return [];
      }
    });
    const find = this.options.db.prepare('SELECT id FROM cases WHERE account_id = ? AND remote_id = ?').pluck();
    const cache = new Map<string, number | null>();
    return (caseKey) => {
      if (cache.has(caseKey)) return cache.get(caseKey)!;
      let found: number | null = null;
      for (const account of accounts) {
        if (!caseKey.startsWith(account.prefix)) continue;
        let remoteId: string;
        try {
          remoteId = decodeURIComponent(caseKey.slice(account.prefix.length));
        } catch {
          continue;
        }
        const id = find.get(account.id, remoteId) as number | undefined;
        if (id !== undefined) {
          found = id;
          break;
        }
      }
      cache.set(caseKey, found);
      return found;
    };
  }

  // --- the service -------------------------------------------------------------------------------

  private serialized<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async stopService(): Promise<void> {
    const service = this.service;
    this.service = null;
    this.detach.forEach((off) => off());
    this.detach = [];
    await service?.close();
  }

  /** (Re)builds the service from the stored settings; not awaited: the broker connection. */
  private async rebuild(): Promise<void> {
    // What I am doing carries over to the new connection (my status, the cases I am on).
    const carried = this.service?.me() ?? null;
    await this.stopService();
    this.blocked = null;
    const settings = this.closed ? null : this.settings();
    if (!settings) {
      this.options.onConnection(NOT_CONFIGURED);
      return;
    }
    // A password was saved and the keychain no longer has it: connecting without it would be
    // refused (or sign in as someone else). Presence waits until it is entered again.
    const password = await this.passwordState(settings);
    if (password.missing) {
      this.blocked = {
        state: 'unavailable',
        error: password.error ?? 'The broker password is no longer in the secret store; enter it again in Settings → Presence',
        nextRetryAt: null,
      };
      this.options.onConnection(this.blocked);
      return;
    }
    this.publishedName = this.myName(settings.username);
    const service = new PresenceService({ ...this.options.tuning, ...settings, agentId: settings.username, name: this.publishedName, secrets: this.options.secrets });
    this.detach.push(
      service.onChange(({ agentIds, caseKeys }) => {
        // The broker echoes my own publishes; the UI already knows what I do, so an echo alone
        // announces nothing (it would make every open of a case refetch everyone's presence).
        if (agentIds.length > 0 && agentIds.every((id) => id === settings.username)) return;
        const localOf = this.resolver();
        const caseIds = [...new Set(caseKeys.map(localOf).filter((id): id is number => id !== null))];
        if (caseIds.length > 0 || agentIds.length > 0) this.options.onChange({ caseIds, agentIds: [...agentIds] });
      }),
      service.onConnectionChange((status) => this.options.onConnection(status)),
      service.onCaseEvent((notice) => {
        const caseId = this.resolver()(notice.caseKey);
        if (caseId === null) return; // a case this profile does not have (yet): sync brings it
        const { caseKey: _key, ...rest } = notice;
        this.options.onCaseEvent({ ...rest, caseId });
      }),
    );
    this.service = service;
    this.options.onConnection(service.connection);
    if (carried) {
      if (carried.status !== 'available') service.setStatus(carried.status).catch(() => undefined);
      for (const c of carried.cases) service.setActivity(c.caseKey, c.activity).catch(() => undefined);
      const current = carried.cases.find((c) => c.caseKey === carried.currentCase);
      if (current) service.setActivity(current.caseKey, current.activity).catch(() => undefined);
    }
    service.start();
  }

  /** My display name: the "me" agent of an account signed in with this e-mail (the username), else the first account's, else the username. */
  private myName(username: string): string {
    const rows = this.options.db
      .prepare(
        `SELECT ag.name, a.email FROM accounts a JOIN agents ag ON ag.account_id = a.id AND ag.remote_id = a.me_remote_id ORDER BY (lower(a.email) = lower(?)) DESC, a.id LIMIT 1`,
      )
      .all(username) as { name: string }[];
    return rows[0]?.name ?? username;
  }
}

/** The case events an action announces once it landed (replied, status changed, assigned). */
export function caseEventsFor(action: { actionId: string; comment?: { public: boolean }; status?: string; assigneeRemoteId?: string | null }, version: string | null): CaseEventInput[] {
  const stamp = version !== null ? { version } : {};
  const events: CaseEventInput[] = [];
  if (action.comment) events.push({ kind: 'replied', actionId: action.actionId, public: action.comment.public, ...stamp });
  if (action.status !== undefined) events.push({ kind: 'status_changed', actionId: action.actionId, status: action.status as CaseStatus, ...stamp });
  if (action.assigneeRemoteId !== undefined) events.push({ kind: 'assigned', actionId: action.actionId, assigneeRemoteId: action.assigneeRemoteId, ...stamp });
  return events;
}
