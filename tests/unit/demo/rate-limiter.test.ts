import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-main/demo/http/rate-limiter';

describe('rate limiter', () => {
  it('allows 10 incremental exports a minute in zendesk mode, then asks to retry', () => {
    let now = 1_000_000_040_000; // 20 s into a minute window
    const limiter = new RateLimiter('zendesk', 60_000, () => now);
    for (let i = 0; i < 10; i++) expect(limiter.take('incremental-tickets').allowed).toBe(true);
    const denied = limiter.take('incremental-tickets');
    expect(denied.allowed).toBe(false);
    expect(denied.headers['Retry-After']).toBe('40');
    expect(denied.headers['Zendesk-RateLimit-incremental-tickets']).toBe('total=10; remaining=0; resets=40');
    // Other endpoints have their own bucket but share the account limit.
    expect(limiter.take('incremental-ticket-events').allowed).toBe(true);
    const plain = limiter.take(null);
    expect(plain.allowed).toBe(true);
    expect(plain.headers['X-Rate-Limit']).toBe('700');
    expect(plain.headers['X-Rate-Limit-Remaining']).toBe(String(700 - 12));
    now += 40_000;
    expect(limiter.take('incremental-tickets').allowed).toBe(true);
  });

  it('enforces the account limit and never answers Retry-After below 1', () => {
    let now = 59_999;
    const limiter = new RateLimiter('zendesk', 60_000, () => now);
    for (let i = 0; i < 700; i++) expect(limiter.take(null).allowed).toBe(true);
    const denied = limiter.take(null);
    expect(denied.allowed).toBe(false);
    expect(denied.headers['Retry-After']).toBe('1');
    now = 60_000;
    expect(limiter.take(null).allowed).toBe(true);
  });

  it('is generous in demo mode and silent when off', () => {
    const limiter = new RateLimiter('demo', 60_000, () => 0);
    for (let i = 0; i < 120; i++) expect(limiter.take('incremental-users').allowed).toBe(true);
    expect(limiter.take('incremental-users').allowed).toBe(false);
    const off = new RateLimiter('off');
    for (let i = 0; i < 2000; i++) expect(off.take('search-export')).toEqual({ allowed: true, headers: {} });
  });
});
