// Command-line options of the web host (`npm run web -- ...`). Pure: parsing only, no I/O.

export type SecretsMode = 'keychain' | 'memory';

export interface WebHostArgs {
  /** 0 = a free port. */
  port: number;
  /** Address to bind; loopback unless the user asks otherwise. */
  host: string;
  /** Profile folder; null = the per-user default (see default-profile.ts). */
  profileDir: string | null;
  /** The demo account's agent; null = the demo's default agent. */
  agentEmail: string | null;
  demoCases: number | null;
  demoSeed: number | null;
  demoLiveIntervalMs: number | null;
  demoRateLimits: 'off' | 'demo' | 'zendesk';
  /** The embedded demo's export lag (ms); unset = the demo's default (one minute, as Zendesk). */
  demoExportLagMs?: number;
  /**
   * A demo helpdesk already running elsewhere (`npm run demo-server`), used instead of starting one
   * in this process; null = the embedded demo. The --demo-cases/-seed/-live/-rate options do not apply.
   */
  demoUrl: string | null;
  /**
   * The presence broker of a demo profile (`mqtt://…`, e.g. another instance's PRESENCE_URL), used
   * instead of the embedded demo's own broker; null = the embedded demo's broker.
   */
  presenceUrl: string | null;
  secrets: SecretsMode;
  /** Where the built renderer lives; null = dist/renderer of this checkout. */
  rendererDir: string | null;
}

export const USAGE = `Usage: npm run web -- [options]
  --port N                    port to listen on (default 0 = a free port)
  --host H                    address to bind (default 127.0.0.1; anything else exposes the app to the network)
  --profile DIR               profile folder (default: the per-user data folder, .../Shiftdesk/web-profile)
  --agent EMAIL               agent the demo account signs in as (default the demo's "me" agent); any active
                              agent of the demo helpdesk, so a second instance can be another agent
  --demo-cases N              tickets in a new demo helpdesk (default 5000)
  --demo-seed S               dataset seed of a new demo helpdesk (default 1)
  --demo-live-interval-ms MS  average time between live demo changes (default 3000)
  --demo-rate-limits MODE     the demo helpdesk's API limits: off, demo (default) or zendesk
  --demo-export-lag-ms MS     the demo's incremental exports leave out changes younger than this (default
                              60000, as Zendesk does; 0 = changes sync at once)
  --demo-url URL              use the demo helpdesk already running at URL (npm run demo-server) instead of
                              starting one in this process; the host never starts or stops it, so stopping
                              that server takes the helpdesk down for real (offline tests). Its account is
                              added on first start; the --demo-cases/-seed/-live-interval-ms/-rate-limits/
                              -export-lag-ms options do not apply
  --presence-url URL          presence broker of the demo profile (mqtt://HOST:PORT, e.g. the PRESENCE_URL
                              another instance printed, so both share presence) instead of the embedded demo's
                              own broker
  --secrets keychain|memory   where account tokens live (default keychain; memory forgets them on exit)
  --renderer-dir DIR          serve the renderer from DIR instead of dist/renderer (tests, development)`;

export class CliError extends Error {}

function integer(flag: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new CliError(`${flag} needs a whole number`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new CliError(`${flag} must be at least ${min}`);
  return value;
}

function text(flag: string, raw: string | undefined): string {
  if (raw === undefined || raw === '' || raw.startsWith('--')) throw new CliError(`${flag} needs a value`);
  return raw;
}

export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  const args: WebHostArgs = {
    port: 0,
    host: '127.0.0.1',
    profileDir: null,
    agentEmail: null,
    demoCases: null,
    demoSeed: null,
    demoLiveIntervalMs: null,
    demoRateLimits: 'demo',
    demoUrl: null,
    presenceUrl: null,
    secrets: 'keychain',
    rendererDir: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        args.port = integer(flag, value(), 0);
        if (args.port > 65535) throw new CliError('--port must be at most 65535');
        break;
      case '--host':
        args.host = text(flag, value());
        break;
      case '--profile':
        args.profileDir = text(flag, value());
        break;
      case '--agent':
        args.agentEmail = text(flag, value());
        if (!/^[^\s@]+@[^\s@]+$/.test(args.agentEmail)) throw new CliError('--agent needs an e-mail address');
        break;
      case '--demo-cases':
        args.demoCases = integer(flag, value(), 10);
        break;
      case '--demo-seed':
        args.demoSeed = integer(flag, value(), 0);
        break;
      case '--demo-live-interval-ms':
        args.demoLiveIntervalMs = integer(flag, value(), 1);
        break;
      case '--demo-rate-limits': {
        const mode = value();
        if (mode !== 'off' && mode !== 'demo' && mode !== 'zendesk') throw new CliError('--demo-rate-limits must be off, demo or zendesk');
        args.demoRateLimits = mode;
        break;
      }
      case '--demo-export-lag-ms':
        args.demoExportLagMs = integer(flag, value(), 0);
        break;
        break;
      case '--demo-url': {
        const raw = text(flag, value());
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new CliError('--demo-url needs a URL such as http://127.0.0.1:4010');
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('--demo-url must be an http:// or https:// URL');
        args.demoUrl = url.origin;
        break;
      }
      case '--presence-url': {
        const raw = text(flag, value());
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new CliError('--presence-url needs a URL such as mqtt://127.0.0.1:1883');
        }
        if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(url.protocol) || url.hostname === '') throw new CliError('--presence-url must be an mqtt://, mqtts://, ws:// or wss:// URL');
        if (url.username !== '' || url.password !== '') throw new CliError('--presence-url takes no credentials');
        args.presenceUrl = raw.replace(/\/+$/, '');
        break;
      }
      case '--secrets': {
        const mode = value();
        if (mode !== 'keychain' && mode !== 'memory') throw new CliError('--secrets must be keychain or memory');
        args.secrets = mode;
        break;
      }
      case '--renderer-dir':
        args.rendererDir = text(flag, value());
        break;
      case '--help':
      case '-h':
        throw new CliError(USAGE);
      default:
        throw new CliError(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return args;
}
