import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { openDatabase } from '../../../src-main/core/db/connection';
import { actionIdsInAudits } from '../../helpers/demo-audits';
import { syncToCompletion } from '../../helpers/sync-harness';

const KILLS = Number(process.env.OUTBOX_KILLS ?? 50);

interface ChildRun {
  intents: string[];
  queued: string[];
  output: string;
}

function runChild(dbPath: string, url: string, run: number, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', 'tests/helpers/outbox-child.ts', dbPath, url, DEMO_AGENT_EMAIL, DEMO_TOKEN, String(run), ...(killAfterMs === null ? ['drain'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk;
      if (killAfterMs !== null && !before.includes('READY') && output.includes('READY')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code, signal) => {
      const lines = output.split('\n');
      const run = { intents: lines.filter((l) => l.startsWith('INTENT ')).map((l) => l.slice(7)), queued: lines.filter((l) => l.startsWith('QUEUED ')).map((l) => l.slice(7)), output };
      if (signal === 'SIGKILL' || code === 0) resolve(run);
      else reject(new Error(`outbox child failed (${code}): ${err}`));
    });
  });
}

// Kill the process at any point: every action it was told is queued is delivered exactly once,
// nothing it was never asked to do appears, and the database stays sound (DESIGN §6).
describe('outbox survives being killed', () => {
  let demo: DemoServer;
  afterAll(() => demo?.close());

  it(`delivers every acknowledged action exactly once across ${KILLS} SIGKILLs`, async () => {
    demo = await startDemoServer({ seed: 41, cases: 150 });
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-outbox-crash-')), 'p.db');
    await syncToCompletion({ dbPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const intents = new Set<string>();
    const queued = new Set<string>();
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < KILLS; run++) {
      const result = await runChild(dbPath, demo.url, run, Math.floor(random() * 250));
      result.intents.forEach((id) => intents.add(id));
      result.queued.forEach((id) => queued.add(id));
    }
    const final = await runChild(dbPath, demo.url, KILLS, null);
    expect(final.output).toMatch(/DRAINED \{"queued":0,"sending":0,"failed":0,"conflict":0\}/);
    expect(queued.size).toBeGreaterThan(KILLS); // the kills landed while work was going on

    const db = openDatabase({ path: dbPath });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const caseIds = db.prepare(`SELECT DISTINCT c.remote_id FROM outbox o JOIN cases c ON c.id = o.case_id`).pluck().all() as string[];
    const delivered: string[] = [];
    for (const remoteId of caseIds) delivered.push(...(await actionIdsInAudits(demo, remoteId)));
    const counts = new Map<string, number>();
    for (const id of delivered) counts.set(id, (counts.get(id) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicated).toEqual([]);
    const lost = [...queued].filter((id) => !counts.has(id));
    expect(lost).toEqual([]);
    // Anything delivered was at least asked for (queued, or killed between commit and acknowledgement).
    const unasked = delivered.filter((id) => !intents.has(id));
    expect(unasked).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE state != 'sent'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE remote_id LIKE 'local:%'`).pluck().get()).toBe(0);
    db.close();
  }, Number(process.env.OUTBOX_KILLS ?? 50) * 4000 + 60_000);
});
