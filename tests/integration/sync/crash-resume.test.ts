import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { openDatabase } from '../../../src-main/core/db/connection';
import { canonicalDump, settledAnchor, syncToCompletion } from '../../helpers/sync-harness';

const KILLS = 24;

/** Runs the sync child; kills it after `killAfterBatches` stored batches (+ a random few ms), or lets it finish. */
function runChild(dbPath: string, url: string, kill: { afterBatches: number; delayMs: number } | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/sync-child.ts', dbPath, url, DEMO_AGENT_EMAIL, DEMO_TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let batches = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      batches += (chunk.toString().match(/APPLIED/g) ?? []).length;
      if (kill && batches >= kill.afterBatches && !child.killed) setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('CAUGHT_UP')) resolve('done');
      else reject(new Error(`sync child failed (${code}): ${err}`));
    });
  });
}

// A sync process SIGKILLed at random moments, then resumed, ends identical to a clean sync:
// every page and its cursor commit together, and every write is an idempotent upsert.
describe('sync survives being killed', () => {
  let demo: DemoServer;
  afterAll(() => demo?.close());

  it(`resumes after ${KILLS} SIGKILLs to the same cache as a clean sync`, async () => {
    demo = await startDemoServer({ seed: 4, cases: 800, anchorTime: settledAnchor() });
    const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-crash-'));
    const cleanPath = join(dir, 'clean.db');
    await syncToCompletion({ dbPath: cleanPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, exportPageSize: 100 });

    const crashedPath = join(dir, 'crashed.db');
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let kills = 0;
    let finished = false;
    for (let i = 0; i < KILLS * 2 && kills < KILLS; i++) {
      // Kill after 1-4 stored batches plus 0-15 ms: before, inside and after commits, at every step.
      const outcome = await runChild(crashedPath, demo.url, { afterBatches: 1 + Math.floor(random() * 4), delayMs: Math.floor(random() * 16) });
      if (outcome === 'killed') kills++;
      else finished = true;
    }
    expect(kills).toBe(KILLS);
    // The sync must still have had work left at the last kill, or the kills proved nothing.
    expect(finished).toBe(false);
    if (!finished) expect(await runChild(crashedPath, demo.url, null)).toBe('done');

    const clean = openDatabase({ path: cleanPath });
    const crashed = openDatabase({ path: crashedPath });
    expect(crashed.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every comment of every ticket the helpdesk shows (not deleted, readable), once.
    expect(crashed.prepare('SELECT count(*) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.synced = 1').pluck().get()).toBe(demo.dataset.syncGroundTruth().commentIds.length);
    expect(crashed.prepare('SELECT count(*) - count(DISTINCT remote_id) FROM messages').pluck().get()).toBe(0);
    const a = canonicalDump(clean);
    const b = canonicalDump(crashed);
    expect(b.cases).toEqual(a.cases);
    expect(b.messages).toEqual(a.messages);
    expect(b.customers).toEqual(a.customers);
    expect(b.search).toEqual(a.search);
    clean.close();
    crashed.close();
  }, 300_000);
});
