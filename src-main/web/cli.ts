// `npm run web`: runs the web host. Prints `SHIFTDESK_URL=...`, then `WALLBOARD_URL=...` (the
// supervisor wallboard, same token; docs/supervisor.md) (and `DEMO_URL=...` when the profile
// uses a demo helpdesk: the embedded one, or the one --demo-url names; then `PRESENCE_URL=...`, the
// presence broker of the demo profile: the embedded demo's, or --presence-url) once serving; warnings
// and errors go to stderr. SIGINT/SIGTERM stop it cleanly.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseWebHostArgs, type WebHostArgs } from './cli-args';
import { defaultWebProfileDir } from './default-profile';
import { isLoopbackHost } from './request-origin';
import { startWebHost } from './server';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const warn = (message: string): void => void process.stderr.write(`shiftdesk web: ${message}\n`);

function parseArgs(): WebHostArgs {
  try {
    return parseWebHostArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  if (!isLoopbackHost(args.host)) warn(`listening on ${args.host}: anyone who can reach it and has the printed token can use this profile.`);
  const host = await startWebHost({
    ...args,
    profileDir: resolve(args.profileDir ?? defaultWebProfileDir()),
    rendererDir: resolve(args.rendererDir ?? resolve(REPO_ROOT, 'dist', 'renderer')),
    warn,
  });
  process.stdout.write(`SHIFTDESK_URL=${host.url}\nWALLBOARD_URL=${host.wallboardUrl}\n${host.demoUrl ? `DEMO_URL=${host.demoUrl}\n` : ''}${host.presenceUrl ? `PRESENCE_URL=${host.presenceUrl}\n` : ''}`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) process.exit(1); // a second Ctrl-C: stop waiting
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        warn(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  warn(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
