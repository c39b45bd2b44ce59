// A sync in a child process, for the crash test: syncs a profile until caught up with small export
// pages, printing "APPLIED" after every stored batch and "CAUGHT_UP" at the end. The parent
// SIGKILLs it at random points and restarts it.
import { syncToCompletion } from './sync-harness';

const [dbPath, url, email, token] = process.argv.slice(2);
if (!dbPath || !url || !email || !token) throw new Error('usage: sync-child DB URL EMAIL TOKEN');
await syncToCompletion({
  dbPath,
  url,
  email,
  token,
  followIntervalMs: 50,
  exportPageSize: 100,
  engine: { onChange: (change) => change.kinds.some((k) => k !== 'accounts') && process.stdout.write('APPLIED\n') },
});
console.log('CAUGHT_UP');
