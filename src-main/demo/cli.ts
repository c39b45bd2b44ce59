// Runs the demo helpdesk and its presence broker. Prints DEMO_URL=... and then PRESENCE_URL=...
// (unless --no-presence) once both are serving, and nothing else on stdout.
import { CliError, parseCliArgs } from './cli-args';
import { startDemoServer } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startDemoServer(options);
  const wantedPort = options.presence ? options.presence.port : undefined;
  if (server.presenceUrl && wantedPort && !server.presenceUrl.endsWith(`:${wantedPort}`)) {
    process.stderr.write(`port ${wantedPort} is in use: the presence broker listens on ${server.presenceUrl}\n`);
  }
  process.stdout.write(`DEMO_URL=${server.url}\n${server.presenceUrl ? `PRESENCE_URL=${server.presenceUrl}\n` : ''}`);
  const shutdown = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo helpdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
