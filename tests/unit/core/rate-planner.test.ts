import { describe, expect, it } from 'vitest';
import { parseEndpointHeader, RatePlanner, type BucketName, type Need } from '../../../src-main/core/net/rate-planner';
import { zendeskBucketOf } from '../../../src-main/core/connectors/zendesk/zendesk-connector';

/** A clock that only moves when a waiter sleeps: the planner's waits are exact and instant. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
    advance: (ms: number) => (now += ms),
  };
}

/** Acquires `count` requests one after another; returns the clock time each went. */
async function sendTimes(planner: RatePlanner, clock: ReturnType<typeof fakeClock>, bucket: BucketName, need: Need, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await planner.acquire(bucket, need);
    times.push(clock.now());
    planner.complete(bucket, null);
  }
  return times;
}

describe('rate planner', () => {
  it('spends at most the background share of the shared export bucket per minute before any header', async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    const times = await sendTimes(planner, clock, 'export', 'background', 16);
    // Zendesk: 10 a minute for all incremental exports; background work leaves 2 of them.
    expect(times.filter((t) => t < start + 60_000)).toHaveLength(8);
    expect(times.filter((t) => t < start + 120_000)).toHaveLength(16);
  });

  it('learns the real limit from the endpoint header and waits for its reset', async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    await planner.acquire('export', 'background');
    // The helpdesk says: 30 a minute (High Volume), 29 left, the window resets in 20 s.
    planner.complete('export', new Headers({ 'Zendesk-RateLimit-incremental-exports': 'total=30; remaining=29; resets=20' }));
    const start = clock.now();
    const times = await sendTimes(planner, clock, 'export', 'background', 23);
    // Background may spend 24 of 30: 29 left less the 6 kept back → 23 now.
    expect(times.every((t) => t === start)).toBe(true);
    await planner.acquire('export', 'background');
    expect(clock.now()).toBe(start + 20_000);
  });

  it('lets the agent use the reserve the background leaves', async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    await sendTimes(planner, clock, 'export', 'background', 8);
    expect(clock.now()).toBe(start);
    await planner.acquire('export', 'foreground');
    expect(clock.now()).toBe(start);
  });

  it('pauses only the bucket a 429 came from: the general bucket keeps going', async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    await planner.acquire('export', 'background');
    const paused = planner.refused('export', new Headers({ 'ratelimit-remaining': '650', 'Zendesk-RateLimit-incremental-exports': 'total=10; remaining=0; resets=30' }), 30_000);
    expect(paused).toBe('export');
    const start = clock.now();
    await planner.acquire('general', 'foreground');
    expect(clock.now()).toBe(start);
    planner.complete('general', null);
    await planner.acquire('export', 'background');
    expect(clock.now()).toBe(start + 30_000);
  });

  it("blames the account's limit when the account header says it ran out", () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    expect(planner.refused('update', new Headers({ 'ratelimit-remaining': '0', 'Zendesk-RateLimit-tickets-update': 'total=100; remaining=40; resets=30' }), 5000)).toBe('general');
    expect(planner.view().find((b) => b.name === 'general')!.pausedUntil).toBe(clock.now() + 5000);
    expect(planner.view().find((b) => b.name === 'update')!.pausedUntil).toBeNull();
  });

  it("reads the account's plan size from ratelimit-limit", async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    await planner.acquire('general', 'background');
    planner.complete('general', new Headers({ 'ratelimit-limit': '700', 'ratelimit-remaining': '699', 'ratelimit-reset': '60' }));
    expect(planner.view().find((b) => b.name === 'general')).toMatchObject({ limit: 700, remaining: 699 });
  });

  it('counts requests still in flight against what the helpdesk says is left', async () => {
    const clock = fakeClock();
    const planner = new RatePlanner({ now: clock.now, sleep: clock.sleep });
    // Three requests go out; the first answer says 3 are left (of 10): the two others are not in it.
    for (let i = 0; i < 3; i++) await planner.acquire('export', 'foreground');
    planner.complete('export', new Headers({ 'Zendesk-RateLimit-incremental-exports': 'total=10; remaining=3; resets=40' }));
    const start = clock.now();
    await planner.acquire('export', 'foreground');
    expect(clock.now()).toBe(start);
    await planner.acquire('export', 'foreground');
    expect(clock.now()).toBe(start + 40_000);
  });

  it('parses endpoint headers and sorts Zendesk endpoints into buckets', () => {
    expect(parseEndpointHeader('total=100; remaining=99; resets=41')).toEqual({ total: 100, remaining: 99, resets: 41 });
    expect(parseEndpointHeader('total=100; remaining=99')).toBeNull();
    const url = (path: string) => new URL(`https://acme.zendesk.com${path}`);
    expect(zendeskBucketOf('GET', url('/api/v2/incremental/tickets/cursor.json?cursor=x'))).toBe('export');
    expect(zendeskBucketOf('GET', url('/api/v2/incremental/ticket_events.json'))).toBe('export');
    expect(zendeskBucketOf('GET', url('/api/v2/search/export.json?query=x'))).toBe('search');
    expect(zendeskBucketOf('PUT', url('/api/v2/tickets/42.json'))).toBe('update');
    expect(zendeskBucketOf('GET', url('/api/v2/tickets/42.json'))).toBe('general');
    expect(zendeskBucketOf('GET', url('/api/v2/tickets/show_many.json?ids=1,2'))).toBe('general');
  });
});
