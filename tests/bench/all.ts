import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// npm run bench -- all: every bench, one after another (each in its own process, as when run
// alone), then the summary table at the top of docs/benchmarks.md: date, commit, each budgeted
// figure against its budget. A bench that fails is listed as failed; the others still run.

type Check = { key: string; budget: string; ok: (value: number) => boolean } | { key: string; budget?: undefined };

/** The figures each bench is judged by (DESIGN §10 and the issues' raised budgets). */
const FIGURES: Readonly<Record<string, readonly Check[]>> = {
  sync: [
    { key: 'seconds', budget: '≤ 60', ok: (v) => v <= 60 },
    { key: 'ratio', budget: '≥ 0.3', ok: (v) => v >= 0.3 },
    { key: 'with_search_ratio' },
    { key: 'rss_mb', budget: '≤ 400', ok: (v) => v <= 400 },
  ],
  inbox: [{ key: 'p95_ms', budget: '≤ 10', ok: (v) => v <= 10 }],
  search: [{ key: 'p95_ms', budget: '≤ 50', ok: (v) => v <= 50 }],
  'first-work': [{ key: 'seconds' }, { key: 'rate_limited', budget: '= 0', ok: (v) => v === 0 }],
  conformance: [
    { key: 'seconds' },
    { key: 'missing', budget: '= 0', ok: (v) => v === 0 },
    { key: 'extra', budget: '= 0', ok: (v) => v === 0 },
    { key: 'skipped' },
    { key: 'rate_limited_export', budget: '= 0', ok: (v) => v === 0 },
    { key: 'open_uncached_p95_ms', budget: '≤ 2000', ok: (v) => v <= 2000 },
  ],
  ui: [
    { key: 'open_case_p95_ms', budget: '≤ 100', ok: (v) => v <= 100 },
    { key: 'scroll_frame_p95_ms', budget: '≤ 20', ok: (v) => v <= 20 },
  ],
  outbox: [
    { key: 'seconds', budget: '≤ 30', ok: (v) => v <= 30 },
    { key: 'lost', budget: '= 0', ok: (v) => v === 0 },
    { key: 'duplicated', budget: '= 0', ok: (v) => v === 0 },
  ],
  presence: [{ key: 'screen_p95_ms', budget: '≤ 250', ok: (v) => v <= 250 }],
  supervisor: [{ key: 'p95_ms' }],
  email: [{ key: 'ratio' }, { key: 'idle_p50_ms' }],
};

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench-all:start -->';
const END = '<!-- bench-all:end -->';

function runBench(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'bench', 'run.ts'), name], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        const figures = JSON.parse(last) as Record<string, unknown>;
        resolve(code === 0 ? figures : { error: `exited ${code}` });
      } catch {
        resolve({ error: code === 0 ? 'no JSON line' : `exited ${code}` });
      }
    });
  });
}

export async function run(args: string[]): Promise<void> {
  const names = args.length > 0 ? args : Object.keys(FIGURES);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  const date = new Date().toISOString().slice(0, 10);
  const rows: string[] = [];
  const summary: Record<string, unknown> = { bench: 'all', date, commit };
  for (const name of names) {
    process.stderr.write(`\n== bench ${name}\n`);
    const result = await runBench(name);
    summary[name] = result;
    if (typeof result.error === 'string') {
      rows.push(`| ${name} | — | failed: ${result.error} | | |`);
      continue;
    }
    for (const check of FIGURES[name] ?? []) {
      const value = result[check.key];
      const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value === undefined ? '—' : String(value);
      const verdict = check.budget === undefined ? 'report' : typeof value === 'number' ? (check.ok(value) ? 'within' : '**over**') : '—';
      rows.push(`| ${name} | \`${check.key}\` | ${shown} | ${check.budget ?? ''} | ${verdict} |`);
    }
  }
  const table = [
    START,
    `## Summary (\`npm run bench -- all\`, ${date}, commit ${commit})`,
    '',
    '| bench | figure | value | budget | |',
    '|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const next = doc.includes(START) ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), table) : doc.replace(/\n## /, `\n${table}\n\n## `);
  writeFileSync(DOC, next);
  console.log(JSON.stringify(summary));
}
