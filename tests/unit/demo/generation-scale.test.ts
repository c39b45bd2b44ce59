import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../src-main/demo';

// Sanity check at the target scale: 100k tickets, about 1M comments, 50k end users. It logs
// the generation time for humans but does not assert on it (machines differ).
describe('generation at scale', () => {
  it('builds 100k tickets with about a million comments', () => {
    const started = performance.now();
    const ds = generateDataset({ seed: 1, cases: 100_000, anchorTime: Date.UTC(2026, 10, 20, 10, 0, 0) });
    const ms = Math.round(performance.now() - started);
    console.info(`generateDataset(100k): ${ms} ms, ${ds.commentCount} comments, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
    expect(ds.ticketCount).toBe(100_000);
    expect(ds.commentCount).toBeGreaterThan(900_000);
    expect(ds.commentCount).toBeLessThan(1_100_000);
    expect(ds.endUsers().length).toBeGreaterThanOrEqual(50_000);
    expect(ds.agents().length).toBe(51 + 2 + 1); // the team, two former agents, the restricted agent
    // Rendering a thousand audits with their comments stays cheap.
    const renderStarted = performance.now();
    for (let rank = 500_000; rank < 501_000; rank++) ds.renderAudit(rank, true);
    console.info(`render 1000 audits: ${Math.round(performance.now() - renderStarted)} ms`);
  }, 60_000);
});
