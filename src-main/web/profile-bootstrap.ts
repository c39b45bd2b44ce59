import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountView } from '../../src-shared/contract/models';
import type { CoreClient } from '../core/rpc/core-client';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../demo/index';
import type { SecretsMode } from './cli-args';
import { accountTokenKey, isKeychainUnavailable, launchCore, type CoreLaunchOptions } from './core-launcher';
import { clearDemoState, readDemoState, writeDemoState, type DemoState } from './demo-state';

// Opens a profile for a shell: starts core and, when the profile has no account, the embedded demo
// helpdesk with an account for it. Used by the web host and the Electron shell alike.
//
// Restarts. `<profile>/demo.json` remembers the demo's port and dataset, so on the next start the
// demo comes back on the same port with the same data and the account's URL stays valid. If that
// port is taken, the demo starts on a free port and its account is replaced by a fresh one (the
// demo data simply syncs again). If the agent removed the demo account, no demo is started.
//
// An external demo (`demoUrl`, the web host's --demo-url): a demo helpdesk this process neither
// starts nor stops (`npm run demo-server`), so tests can take the helpdesk down for real. Its account
// is added when the profile has none for that URL; demo.json is not used.
//
// Secrets. Tokens live in the keychain. When the keychain is unavailable, the demo account (whose
// token is the public "demo-token") still works: core runs with an in-memory store seeded with that
// token, and the shell says so. Tokens of accounts added in such a run are forgotten on exit.
//
// Presence. The embedded demo also hosts a presence broker (aedes, loopback, a free port; it accepts
// any password: it is a demo on this machine only) with simulated teammates on it, who view, type
// and reply at the live pace and sometimes join the case the agent opens. A demo profile's presence
// settings are filled in at every start, unless the agent set up another workspace than `demo`:
// broker = that embedded broker, or `presenceUrl` (another instance's, so two instances share
// presence; then the demo hosts no broker and no teammates), username = the demo account's agent
// e-mail (the agent id on the broker, never simulated), workspace `demo`.

export const DEFAULT_DEMO_CASES = 5000;
export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_LIVE_INTERVAL_MS = 3000;

export interface ProfileBootstrapOptions {
  profileDir: string;
  secrets: SecretsMode;
  agentEmail?: string | null;
  demoCases?: number | null;
  demoSeed?: number | null;
  demoLiveIntervalMs?: number | null;
  /** The embedded demo helpdesk's API limits (default 'demo'; benchmarks use 'off'). */
  demoRateLimits?: 'off' | 'demo' | 'zendesk';
  /** The embedded demo's export lag in ms (default the demo's: one minute, as Zendesk). */
  demoExportLagMs?: number | null;
  /** Use the demo helpdesk already running at this URL instead of embedding one. */
  demoUrl?: string | null;
  /** The presence broker of a demo profile instead of the embedded demo's own (--presence-url). */
  presenceUrl?: string | null;
  /** Simulated teammates on the embedded demo's presence broker (default true). */
  demoTeammates?: boolean;
  core?: Omit<CoreLaunchOptions, 'dbPath'>;
  /** Warnings for the person running the app (stderr, a log). */
  warn: (message: string) => void;
}

export interface OpenProfile {
  core: CoreClient;
  /** The embedded demo helpdesk, when this profile uses it. */
  demo: DemoServer | null;
  /** The demo helpdesk's URL: the embedded one's, or the external one (`demoUrl`); null without a demo. */
  demoUrl: string | null;
  /** The presence broker a demo profile uses (the embedded one, or `presenceUrl`); null without a demo. */
  presenceUrl: string | null;
  /** Where tokens live in this run. */
  secrets: SecretsMode;
  close(): Promise<void>;
}

type DemoDataset = Pick<DemoState, 'seed' | 'cases' | 'anchorTime'>;

export async function openProfile(options: ProfileBootstrapOptions): Promise<OpenProfile> {
  mkdirSync(options.profileDir, { recursive: true });
  const coreOptions: CoreLaunchOptions = { ...options.core, dbPath: join(options.profileDir, 'shiftdesk.db') };
  if (options.demoUrl) return await openWithExternalDemo(options, coreOptions, options.demoUrl);
  let state = readDemoState(options.profileDir);
  const demoOptions: EmbeddedDemoOptions = {
    liveIntervalMs: options.demoLiveIntervalMs ?? DEFAULT_DEMO_LIVE_INTERVAL_MS,
    rateLimits: options.demoRateLimits ?? 'demo',
    exportLagMs: options.demoExportLagMs ?? null,
    hostsPresence: !options.presenceUrl,
    teammates: options.demoTeammates ?? true,
    agentEmail: options.agentEmail ?? state?.agentEmail ?? DEMO_AGENT_EMAIL,
  };

  // The demo comes up before core, so the account's first sync after a restart finds it.
  let demo = state ? await startDemo(state, state.port, demoOptions, options.warn) : null;
  let secrets: SecretsMode = options.secrets === 'memory' || state?.tokenStore === 'memory' ? 'memory' : 'keychain';
  if (state?.tokenStore === 'memory' && options.secrets === 'keychain') {
    options.warn('The demo account was added while the system keychain was unavailable: its public token is kept in memory for this run.');
  }
  let core = await launchCore(coreOptions, secrets, secrets === 'memory' && state ? { [accountTokenKey(state.accountId)]: DEMO_TOKEN } : undefined);

  try {
    let accounts = await core.call('accounts:list', {});
    let demoAccount = state ? accounts.find((a) => a.id === state!.accountId) : undefined;
    if (state && !demoAccount) {
      // The agent removed the demo account: the profile no longer uses the demo.
      await demo?.close();
      demo = null;
      clearDemoState(options.profileDir);
      state = null;
    }

    let replaceReason: string | null = null;
    if (state && demoAccount && demo && demoAccount.baseUrl !== demo.url) replaceReason = `port ${state.port} is taken, so the demo helpdesk now runs at ${demo.url}`;
    else if (state && demoAccount && secrets === 'keychain' && !(await hasItsSecrets(core, demoAccount.id))) {
      // Core could not read the demo token at start: the keychain is unavailable, or the token was removed from it.
      if (await anotherAccountHasItsSecrets(core, demoAccount.id)) replaceReason = 'its token is missing from the system keychain';
      else {
        options.warn('The system keychain is unavailable: running with an in-memory secret store seeded with the demo helpdesk\'s public token. Other accounts need the keychain and will not sync in this run.');
        await core.stop();
        secrets = 'memory';
        core = await launchCore(coreOptions, secrets, { [accountTokenKey(demoAccount.id)]: DEMO_TOKEN });
        state = { ...state, tokenStore: 'memory' };
        writeDemoState(options.profileDir, state);
      }
    }
    if (replaceReason && demoAccount) {
      options.warn(`Replacing the demo account: ${replaceReason}. Its cases sync again.`);
      await core.call('accounts:remove', { id: demoAccount.id });
      accounts = accounts.filter((a) => a.id !== demoAccount!.id);
      demoAccount = undefined;
    }

    if (accounts.length === 0 || (state && !demoAccount)) {
      // A replaced demo account keeps its dataset; a new one takes the options.
      const dataset: DemoDataset = state
        ? { seed: state.seed, cases: state.cases, anchorTime: state.anchorTime }
        : { seed: options.demoSeed ?? DEFAULT_DEMO_SEED, cases: options.demoCases ?? DEFAULT_DEMO_CASES, anchorTime: Math.floor(Date.now() / 60_000) * 60_000 };
      demo ??= await startDemo(dataset, 0, demoOptions, options.warn);
      const agentEmail = options.agentEmail ?? state?.agentEmail ?? DEMO_AGENT_EMAIL;
      const added = await addDemoAccount(core, secrets, coreOptions, demo.url, agentEmail, options.warn);
      core = added.core;
      secrets = added.secrets;
      state = { version: 1, accountId: added.account.id, port: Number(new URL(demo.url).port), ...dataset, agentEmail, tokenStore: secrets };
      writeDemoState(options.profileDir, state);
    }
  } catch (error) {
    await core.stop().catch(() => undefined);
    await demo?.close();
    throw error;
  }

  // The demo's own presence broker, or the one named (then the demo hosts none).
  let presenceUrl: string | null = null;
  if (demo && state) {
    try {
      presenceUrl = options.presenceUrl ?? demo.presenceUrl;
      if (presenceUrl === null) throw new Error('the demo helpdesk runs no presence broker');
      await configureDemoPresence(core, presenceUrl, state.agentEmail, options.warn);
    } catch (error) {
      options.warn(`Presence is not available: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const [openCore, openDemo] = [core, demo];
  return {
    core: openCore,
    demo: openDemo,
    demoUrl: openDemo?.url ?? null,
    presenceUrl,
    secrets,
    close: async () => {
      await openCore.stop().catch(() => undefined);
      await openDemo?.close();
    },
  };
}

/**
 * Points a demo profile's presence at `brokerUrl` as `email` in the workspace `demo`, unless the
 * agent set presence up for another workspace. Core connects in the background.
 */
async function configureDemoPresence(core: CoreClient, brokerUrl: string, email: string, warn: (message: string) => void): Promise<void> {
  const current = await core.call('presence:settings:get', {});
  if (current && current.workspace !== DEMO_PRESENCE_WORKSPACE) {
    warn(`Presence keeps its own settings (workspace "${current.workspace}"), not the demo broker ${brokerUrl}.`);
    return;
  }
  if (current && current.brokerUrl === brokerUrl && current.username === email) return;
  await core.call('presence:settings:set', { brokerUrl, username: email, workspace: DEMO_PRESENCE_WORKSPACE });
}

/** The presence workspace of demo profiles. */
export const DEMO_PRESENCE_WORKSPACE = 'demo';

/**
 * A profile on a demo helpdesk that runs elsewhere. Its account is added unless the profile has one
 * for that URL already; an account whose token is gone (a memory store after a restart, or no
 * keychain) gets the demo's public token in memory, as with the embedded demo.
 */
async function openWithExternalDemo(options: ProfileBootstrapOptions, coreOptions: CoreLaunchOptions, demoUrl: string): Promise<OpenProfile> {
  const url = demoUrl.replace(/\/+$/, '');
  let secrets: SecretsMode = options.secrets;
  let core = await launchCore(coreOptions, secrets);
  let email: string;
  try {
    const account = (await core.call('accounts:list', {})).find((a) => a.baseUrl.replace(/\/+$/, '') === url);
    email = account?.email ?? options.agentEmail ?? DEMO_AGENT_EMAIL;
    if (!account) {
      const added = await addDemoAccount(core, secrets, coreOptions, url, email, options.warn);
      core = added.core;
      secrets = added.secrets;
    } else if (!(await hasItsSecrets(core, account.id))) {
      if (secrets === 'keychain') options.warn(`The demo account's token is not in the system keychain: its public token is kept in memory for this run.`);
      await core.stop();
      secrets = 'memory';
      core = await launchCore(coreOptions, secrets, { [accountTokenKey(account.id)]: DEMO_TOKEN });
    }
  } catch (error) {
    await core.stop().catch(() => undefined);
    throw error;
  }
  // An external demo has no broker of ours: presence only with --presence-url.
  let presenceUrl: string | null = null;
  if (options.presenceUrl) {
    try {
      await configureDemoPresence(core, options.presenceUrl, email, options.warn);
      presenceUrl = options.presenceUrl;
    } catch (error) {
      options.warn(`Presence is not available: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const openCore = core;
  return { core: openCore, demo: null, demoUrl: url, presenceUrl, secrets, close: () => openCore.stop().catch(() => undefined) };
}

interface EmbeddedDemoOptions {
  liveIntervalMs: number;
  rateLimits: 'off' | 'demo' | 'zendesk';
  /** null: the demo's default. */
  exportLagMs: number | null;
  /** Host a presence broker (not when the profile uses another one). */
  hostsPresence: boolean;
  teammates: boolean;
  /** The profile's agent: never a simulated teammate. */
  agentEmail: string;
}

/** Starts the demo helpdesk on `port`, or on a free port when that one is taken. */
async function startDemo(dataset: DemoDataset, port: number, demo: EmbeddedDemoOptions, warn: (message: string) => void): Promise<DemoServer> {
  const options = {
    seed: dataset.seed,
    cases: dataset.cases,
    anchorTime: dataset.anchorTime,
    host: '127.0.0.1',
    live: { intervalMs: demo.liveIntervalMs },
    rateLimits: demo.rateLimits,
    ...(demo.exportLagMs !== null ? { exportLagMs: demo.exportLagMs } : {}),
    presence: demo.hostsPresence ? { port: 0 } : (false as const),
    teammates: demo.teammates ? { exclude: [demo.agentEmail] } : (false as const),
  };
  try {
    return await startDemoServer({ ...options, port });
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    warn(`The demo helpdesk's port ${port} is in use; starting it on a free port.`);
    return await startDemoServer({ ...options, port: 0 });
  }
}

/** Adds the demo account; if the keychain refuses the token, core moves to an in-memory store first. */
async function addDemoAccount(
  core: CoreClient,
  secrets: SecretsMode,
  coreOptions: CoreLaunchOptions,
  demoUrl: string,
  email: string,
  warn: (message: string) => void,
): Promise<{ core: CoreClient; secrets: SecretsMode; account: AccountView }> {
  const input = { kind: 'zendesk' as const, name: 'Demo helpdesk', baseUrl: demoUrl, email, token: DEMO_TOKEN };
  try {
    return { core, secrets, account: await core.call('accounts:add', input) };
  } catch (error) {
    if (secrets !== 'keychain' || !isKeychainUnavailable(error)) throw error;
    warn(`${(error as Error).message}\nThe demo account's public token is kept in memory instead; accounts added in this run keep their token only until exit.`);
    await core.stop();
    const memoryCore = await launchCore(coreOptions, 'memory');
    try {
      return { core: memoryCore, secrets: 'memory', account: await memoryCore.call('accounts:add', input) };
    } catch (memoryError) {
      await memoryCore.stop().catch(() => undefined);
      throw memoryError;
    }
  }
}

/** Could core read the account's secrets at start? (No: the keychain is unavailable, or lost them.) */
async function hasItsSecrets(core: CoreClient, accountId: number): Promise<boolean> {
  return (await core.call('accounts:list', {})).some((a) => a.id === accountId && a.missingSecrets.length === 0);
}

async function anotherAccountHasItsSecrets(core: CoreClient, accountId: number): Promise<boolean> {
  return (await core.call('accounts:list', {})).some((a) => a.id !== accountId && a.missingSecrets.length === 0);
}
