import { describe, expect, it } from 'vitest';
import { damagedText, withMissingFields, withWrongTypes } from '../../../src-main/demo/http/fault-bodies';
import { FaultInjector, type FaultTarget } from '../../../src-main/demo/http/faults';
import { faultSpecFromJson } from '../../../src-main/demo/http/admin';

/** A request of the "me" agent to a route the test does not care about. */
const req = (method: string, pathAndQuery: string, route = 'any', userEmail: string | null = 'me@example.test'): FaultTarget => ({ method, pathAndQuery, route, userEmail });

const body = { tickets: [{ id: 1, status: 'open', created_at: '2026-11-20T10:00:00Z', tags: ['a'] }], end_of_stream: true, after_cursor: 'x' };

describe('fault injector', () => {
  it('applies a fault to the next matching requests only', () => {
    const faults = new FaultInjector();
    faults.add({ pathPattern: '/incremental/tickets', kind: 'status', status: 500, times: 2 });
    expect(faults.take(req('GET', '/api/v2/users/me.json'))).toBeNull();
    expect(faults.take(req('GET', '/api/v2/incremental/tickets/cursor.json?start_time=0'))?.status).toBe(500);
    expect(faults.take(req('GET', '/api/v2/incremental/tickets/cursor.json?start_time=0'))?.remaining).toBe(0);
    expect(faults.take(req('GET', '/api/v2/incremental/tickets/cursor.json?start_time=0'))).toBeNull();
    expect(faults.list()).toEqual([]);
  });

  it('matches regular expressions and methods', () => {
    const faults = new FaultInjector();
    const id = faults.add({ pathPattern: /tickets\/\d+\/comments/, kind: 'truncated-json', method: 'GET', times: 5 });
    expect(faults.take(req('POST', '/api/v2/tickets/3/comments.json'))).toBeNull();
    expect(faults.take(req('GET', '/api/v2/tickets/3/comments.json'))?.kind).toBe('truncated-json');
    faults.remove(id);
    expect(faults.take(req('GET', '/api/v2/tickets/3/comments.json'))).toBeNull();
  });

  it('matches a route name and one agent, for good with times: always', () => {
    const faults = new FaultInjector();
    faults.add({ route: 'users/list', userEmail: 'Me@Example.test', kind: 'status', status: 404, times: 'always' });
    expect(faults.take(req('GET', '/api/v2/users/me.json', 'users/me'))).toBeNull();
    expect(faults.take(req('GET', '/api/v2/users.json?role[]=agent', 'users/list', 'other@example.test'))).toBeNull();
    for (let i = 0; i < 50; i++) expect(faults.take(req('GET', '/api/v2/users.json?role[]=agent', 'users/list'))?.status).toBe(404);
    expect(faults.list()).toHaveLength(1);
    expect(faultSpecFromJson({ route: 'organizations', kind: 'status', status: 403, times: 'always' })).toEqual({ route: 'organizations', kind: 'status', status: 403, times: 'always' });
  });

  it('rejects bad specs', () => {
    const faults = new FaultInjector();
    expect(() => faults.add({ pathPattern: 'x', kind: 'status', times: 0 })).toThrow();
    expect(() => faults.add({ kind: 'status' })).toThrow();
    expect(() => faultSpecFromJson({ kind: 'status' })).toThrow();
    expect(() => faultSpecFromJson({ pathPattern: 'x', kind: 'explode' })).toThrow();
    expect(faultSpecFromJson({ pathPattern: '^/api', regex: true, kind: 'status', status: 503, times: 2 }).pathPattern).toBeInstanceOf(RegExp);
  });
});

describe('damaged bodies', () => {
  it('changes field types without touching the original', () => {
    const damaged = withWrongTypes(body) as typeof body & { tickets: Record<string, unknown>[] };
    expect(typeof damaged.tickets[0]?.id).toBe('object');
    expect(damaged.tickets[0]?.status).toBe(3);
    expect(damaged.end_of_stream).toBe('false');
    expect(body.tickets[0]?.id).toBe(1);
  });

  it('drops ids or a named field', () => {
    expect((withMissingFields(body, undefined) as typeof body).tickets[0]).not.toHaveProperty('id');
    expect(withMissingFields(body, 'tickets')).not.toHaveProperty('tickets');
  });

  it('produces text that does not parse as JSON', () => {
    for (const kind of ['truncated-json', 'malformed-json'] as const) {
      const text = damagedText({ id: 1, remaining: 0, pathPattern: '', kind }, body) ?? '';
      expect(() => JSON.parse(text)).toThrow();
    }
  });
});
