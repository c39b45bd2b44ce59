import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-main/demo/http/rate-limiter';

describe('rate limiter', () => {
  it('shares one budget of 10 a minute between all incremental exports in zendesk mode', () => {
    let now = 1_000_000_040_000; // 20 s into a minute window
    const limiter = new RateLimiter('zendesk', { now: () => now });
    for (let i = 0; i < 10; i++) expect(limiter.take('incremental-exports').allowed).toBe(true);
    const denied = limiter.take('incremental-exports');
    expect(denied.allowed).toBe(false);
    expect(denied.limitedBy).toEqual(['incremental-exports']);
    expect(denied.headers['Retry-After']).toBe('40');
    expect(denied.headers['Zendesk-RateLimit-incremental-exports']).toBe('total=10; remaining=0; resets=40');
    // A full export bucket never refuses requests outside it; they still count for the account.
    const plain = limiter.take(null);
    expect(plain.allowed).toBe(true);
    expect(plain.limitedBy).toEqual([]);
    expect(plain.headers['X-Rate-Limit']).toBe('700');
    expect(plain.headers['X-Rate-Limit-Remaining']).toBe(String(700 - 11));
    expect(limiter.take('search-export').allowed).toBe(true);
    now += 40_000;
    expect(limiter.take('incremental-exports').allowed).toBe(true);
  });

  it('enforces the account limit, configurable per plan, and never answers Retry-After below 1', () => {
    let now = 59_999;
    const limiter = new RateLimiter('zendesk', { now: () => now, accountLimit: 200 });
    for (let i = 0; i < 200; i++) expect(limiter.take(null).allowed).toBe(true);
    const denied = limiter.take(null);
    expect(denied.allowed).toBe(false);
    expect(denied.limitedBy).toEqual(['account']);
    expect(denied.headers['Retry-After']).toBe('1');
    expect(denied.headers['ratelimit-limit']).toBe('200');
    // The account refuses exports too, but the export bucket is not blamed for it.
    expect(limiter.take('incremental-exports').limitedBy).toEqual(['account']);
    now = 60_000;
    expect(limiter.take(null).allowed).toBe(true);
    expect(() => new RateLimiter('zendesk', { accountLimit: 0 })).toThrow();
  });

  it('is generous in demo mode with the same buckets, and says it has no limits when off', () => {
    const limiter = new RateLimiter('demo', { now: () => 0 });
    for (let i = 0; i < 120; i++) expect(limiter.take('incremental-exports').allowed).toBe(true);
    expect(limiter.take('incremental-exports').allowed).toBe(false);
    expect(limiter.take(null).allowed).toBe(true);
    const off = new RateLimiter('off');
    for (let i = 0; i < 2000; i++) expect(off.take('search-export').allowed).toBe(true);
    // A client that hears no limit must assume Zendesk's own: "off" announces huge ones instead.
    expect(off.take('incremental-exports').headers).toMatchObject({ 'ratelimit-limit': '1000000', 'Zendesk-RateLimit-incremental-exports': 'total=1000000; remaining=1000000; resets=60' });
  });

  it('limits ticket updates per account and per agent + ticket over ten windows', () => {
    let now = 1_000_000_200_000; // a ten-minute boundary (and a minute boundary)
    const limiter = new RateLimiter('zendesk', { now: () => now });
    for (let i = 0; i < 30; i++) expect(limiter.take('tickets-update', 'agent1:7').allowed).toBe(true);
    const denied = limiter.take('tickets-update', 'agent1:7');
    expect(denied.allowed).toBe(false);
    expect(denied.limitedBy).toEqual(['tickets-update-per-agent-ticket']);
    expect(denied.headers['Zendesk-RateLimit-tickets-update']).toBe('total=30; remaining=0; resets=600');
    expect(denied.headers['Retry-After']).toBe('600');
    // Other agents and tickets are unaffected; the account allows 100 a window.
    expect(limiter.take('tickets-update', 'agent2:7').allowed).toBe(true);
    for (let i = 0; i < 69; i++) expect(limiter.take('tickets-update', `agent1:${100 + i}`).allowed).toBe(true);
    const account = limiter.take('tickets-update', 'agent3:1');
    expect(account.allowed).toBe(false);
    expect(account.limitedBy).toEqual(['tickets-update']);
    expect(account.headers['Zendesk-RateLimit-tickets-update']).toBe('total=100; remaining=0; resets=60');
    expect(account.headers['Retry-After']).toBe('60');
    // Next minute: the account budget is back, the per-ticket one is not (until ten minutes pass).
    now += 60_000;
    expect(limiter.take('tickets-update', 'agent3:1').allowed).toBe(true);
    expect(limiter.take('tickets-update', 'agent1:7').headers['Retry-After']).toBe('540');
    now += 540_000;
    expect(limiter.take('tickets-update', 'agent1:7').allowed).toBe(true);
  });

  it('is generous with updates in demo mode', () => {
    const limiter = new RateLimiter('demo', { now: () => 0 });
    for (let i = 0; i < 300; i++) expect(limiter.take('tickets-update', 'a:1').allowed).toBe(true);
    expect(limiter.take('tickets-update', 'a:1').allowed).toBe(false);
    for (let i = 0; i < 699; i++) expect(limiter.take('tickets-update', `a:${i + 2}`).allowed).toBe(true);
    expect(limiter.take('tickets-update', 'b:1').headers['Zendesk-RateLimit-tickets-update']).toMatch(/^total=1000; remaining=0;/);
  });
});
