// Command-line options of the demo helpdesk.
import type { DemoServerOptions } from './server';

export const USAGE = `Usage: tsx src-main/demo/cli.ts [options]
  --port N                 port to listen on (default 4010, 0 = random)
  --host H                 address to bind (default 127.0.0.1)
  --seed N                 dataset seed (default 1)
  --cases N                number of tickets (default 5000)
  --live                   simulate live customer traffic and teammates
  --live-interval MS       average ms between live changes (default 3000)
  --rate-limits MODE       off | demo | zendesk (default demo)
  --rate-limit-window MS   rate-limit window (default 60000)
  --rate-limit-account N   account requests per window with limits on (default: demo 6000, zendesk 700)
  --token T                API token (default demo-token)
  --export-lag-ms MS       incremental exports leave out changes younger than this (default 60000, as
                           Zendesk does; 0 = none)
  --no-edge-cases          no unreadable records or values to map (default: a few, see docs/demo-helpdesk.md)
  --no-deleted-tickets     no deleted tickets (default: ~1%, in the ticket export with status "deleted")
  --no-deleted-groups      no deleted group in the groups list (default: one, deleted: true)
  --no-via-ids             via.channel always a via type (default: ~10% send the via id, 4 or "4")
  --anchor-time T          end of the generated history: ISO date or ms epoch (default now)
  --presence-port N        port of the presence broker (MQTT; default --port + 1, so 4011; with --port 0
                           a free one; a default port that is taken gives way to a free one)
  --no-presence            no presence broker (and no simulated teammates on it)`;

export class CliError extends Error {}

function integer(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^-?\d+$/.test(value)) throw new CliError(`${name} needs an integer`);
  const n = Number(value);
  if (n < min) throw new CliError(`${name} must be at least ${min}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): DemoServerOptions {
  const options: DemoServerOptions = { seed: 1, cases: 5000, port: 4010, host: '127.0.0.1', rateLimits: 'demo' };
  let liveInterval: number | null = null;
  let live = false;
  let presencePort: number | null = null;
  let presence = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0);
        break;
      case '--host':
        options.host = value() ?? '';
        if (!options.host) throw new CliError('--host needs a value');
        break;
      case '--seed':
        options.seed = integer(flag, value(), 0);
        break;
      case '--cases':
        options.cases = integer(flag, value(), 10);
        break;
      case '--live':
        live = true;
        break;
      case '--live-interval':
        liveInterval = integer(flag, value(), 1);
        live = true;
        break;
      case '--rate-limits': {
        const mode = value();
        if (mode !== 'off' && mode !== 'demo' && mode !== 'zendesk') throw new CliError('--rate-limits must be off, demo or zendesk');
        options.rateLimits = mode;
        break;
      }
      case '--rate-limit-window':
        options.rateLimitWindowMs = integer(flag, value(), 1);
        break;
      case '--rate-limit-account':
        options.rateLimitAccount = integer(flag, value(), 1);
        break;
      case '--export-lag-ms':
        options.exportLagMs = integer(flag, value(), 0);
        break;
      case '--no-edge-cases':
        options.edgeCases = false;
        break;
      case '--no-deleted-tickets':
        options.deletedTickets = false;
        break;
      case '--no-deleted-groups':
        options.deletedGroups = false;
        break;
      case '--no-via-ids':
        options.viaIds = false;
        break;
      case '--token':
        options.token = value() ?? '';
        if (!options.token) throw new CliError('--token needs a value');
        break;
      case '--anchor-time': {
        const raw = value() ?? '';
        const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
        if (!Number.isFinite(ms)) throw new CliError('--anchor-time must be an ISO date or ms epoch');
        options.anchorTime = ms;
        break;
      }
      case '--presence-port':
        presencePort = integer(flag, value(), 0);
        if (presencePort > 65_535) throw new CliError('--presence-port must be at most 65535');
        break;
      case '--no-presence':
        presence = false;
        break;
      case '--help':
      case '-h':
        throw new CliError(USAGE);
      default:
        throw new CliError(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (live) options.live = liveInterval === null ? true : { intervalMs: liveInterval };
  if (presencePort !== null && !presence) throw new CliError('--presence-port and --no-presence exclude each other');
  const port = options.port ?? 0;
  options.presence = !presence ? false : presencePort !== null ? { port: presencePort } : { port: port === 0 || port === 65_535 ? 0 : port + 1, freePortIfTaken: true };
  return options;
}
