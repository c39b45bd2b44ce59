import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from '../../../src-main/core/net/backoff';

describe('backoff', () => {
  it('draws full jitter under an exponential, capped ceiling', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(400);
    expect(fullJitterDelay(10, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(10, policy, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('follow interval', () => {
  it('polls a remote helpdesk within Zendesk\'s export budget and the local demo quickly', async () => {
    const { followIntervalFor } = await import('../../../src-main/core/rpc/shiftdesk-core');
    expect(followIntervalFor('https://acme.zendesk.com')).toBe(10_000);
    expect(followIntervalFor('http://127.0.0.1:4010')).toBe(2000);
    expect(followIntervalFor('http://localhost:4010/')).toBe(2000);
  });
});
