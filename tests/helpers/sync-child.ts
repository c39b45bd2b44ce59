// A sync in a child process, for the crash test: syncs a profile until caught up, printing
// "CAUGHT_UP" at the end. The parent SIGKILLs it at random moments and restarts it.
import { syncToCompletion } from './sync-harness';

const [dbPath, url, email, token] = process.argv.slice(2);
if (!dbPath || !url || !email || !token) throw new Error('usage: sync-child DB URL EMAIL TOKEN');
await syncToCompletion({ dbPath, url, email, token, followIntervalMs: 50 });
console.log('CAUGHT_UP');
