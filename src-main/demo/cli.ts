// Runs the demo helpdesk. Prints exactly one line, DEMO_URL=..., once it is serving.
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
  process.stdout.write(`DEMO_URL=${server.url}\n`);
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
