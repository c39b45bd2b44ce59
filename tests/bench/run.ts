// npm run bench -- NAME   (sync | inbox | search | first-work | conformance | ui | outbox | presence | supervisor | sla | email | all)
// Each benchmark prints progress to stderr and its figures as ONE JSON line, the last line of stdout.
const benchName = process.argv[2];
const benches: Record<string, () => Promise<unknown>> = {
  sync: () => import('./sync-bench'),
  inbox: () => import('./inbox-bench'),
  search: () => import('./search-bench'),
  'first-work': () => import('./first-work-bench'),
  ui: () => import('./ui-bench'),
  outbox: () => import('./outbox-bench'),
  presence: () => import('./presence-bench'),
  supervisor: () => import('./supervisor-bench'),
  sla: () => import('./sla-bench'),
  email: () => import('./email-bench'),
  conformance: () => import('./conformance-bench'),
  // Every bench above, then the summary table in docs/benchmarks.md.
  all: () => import('./all'),
};
const load = benchName ? benches[benchName] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- ${Object.keys(benches).join('|')}`);
  process.exit(2);
}
const bench = (await load()) as { run(args: string[]): Promise<void> };
await bench.run(process.argv.slice(3));
process.exit(0);
export {};
