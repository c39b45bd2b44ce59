import { describe, expect, it } from 'vitest';
import { decodeEvent, decodePresence, decodeStatus, encodeEvent, encodePresence, encodeStatus, MAX_PAYLOAD_BYTES } from '../../../../src-main/core/presence/payloads';

// Presence payloads arrive from a broker other people write to: every one is validated; a bad one
// is reported (the service ignores and counts it), never thrown.

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const status = { status: 'available', at: 1_700_000_000_000, name: 'Ana', sid: 'abc_-1', seq: 3, case: 'h:1' };
const presence = { state: 'typing', since: 1_700_000_000_000, at: 1_700_000_001_000, name: 'Ana', sid: 'abc', seq: 4 };

describe('presence payloads', () => {
  it('round-trips what clients publish', () => {
    expect(decodeStatus(bytes(encodeStatus({ ...status, status: 'away' })))).toEqual({ ok: true, value: { ...status, status: 'away' } });
    expect(decodePresence(bytes(encodePresence({ ...presence, state: 'sending' })))).toEqual({ ok: true, value: { ...presence, state: 'sending' } });
    const event = { kind: 'status_changed', actionId: 'act-1', at: 5, name: 'Ana', sid: 's', status: 'solved', version: '2024-01-01T00:00:00Z' } as const;
    expect(decodeEvent(bytes(encodeEvent(event)))).toEqual({ ok: true, value: event });
  });

  it('reads an empty retained payload as a cleared entry, except for events', () => {
    expect(decodeStatus(Buffer.alloc(0))).toEqual({ ok: true, value: null });
    expect(decodePresence(Buffer.alloc(0))).toEqual({ ok: true, value: null });
    expect(decodeEvent(Buffer.alloc(0)).ok).toBe(false);
  });

  it('defaults what older clients may leave out', () => {
    const { case: _case, ...noCase } = status;
    expect(decodeStatus(bytes(noCase))).toEqual({ ok: true, value: { ...noCase, case: null } });
    expect(decodeEvent(bytes({ kind: 'replied', actionId: 'a', at: 1, name: 'A', sid: 's' }))).toEqual({ ok: true, value: { kind: 'replied', actionId: 'a', at: 1, name: 'A', sid: 's', public: true } });
  });

  it('never takes the agent from the payload', () => {
    const decoded = decodePresence(bytes({ ...presence, agentId: 'someone-else', name: 'Ana' }));
    expect(decoded.ok && decoded.value).toEqual(presence);
    expect(decoded.ok && decoded.value && 'agentId' in decoded.value).toBe(false);
  });

  it('refuses malformed payloads with a reason', () => {
    const cases: [string, ReturnType<typeof decodeStatus | typeof decodePresence | typeof decodeEvent>][] = [
      ['not json', decodeStatus(bytes('{"status":'))],
      ['not UTF-8', decodeStatus(Buffer.from([0x7b, 0xff, 0x7d]))],
      ['an array', decodeStatus(bytes([status]))],
      ['unknown status', decodeStatus(bytes({ ...status, status: 'busy' }))],
      ['offline is not a presence state', decodePresence(bytes({ ...presence, state: 'offline' }))],
      ['time as a string', decodePresence(bytes({ ...presence, at: '2024-01-01' }))],
      ['negative time', decodePresence(bytes({ ...presence, at: -1 }))],
      ['fractional seq', decodePresence(bytes({ ...presence, seq: 1.5 }))],
      ['missing sid', decodePresence(bytes({ ...presence, sid: undefined }))],
      ['sid with a slash', decodePresence(bytes({ ...presence, sid: 'a/b' }))],
      ['huge name', decodePresence(bytes({ ...presence, name: 'x'.repeat(201) }))],
      ['bad current case', decodeStatus(bytes({ ...status, case: 'a/b' }))],
      ['unknown event kind', decodeEvent(bytes({ kind: 'deleted', actionId: 'a', at: 1, name: 'A', sid: 's' }))],
      ['event without action id', decodeEvent(bytes({ kind: 'replied', at: 1, name: 'A', sid: 's' }))],
      ['status_changed to a non-status', decodeEvent(bytes({ kind: 'status_changed', actionId: 'a', at: 1, name: 'A', sid: 's', status: 'gone' }))],
      ['assigned without assignee', decodeEvent(bytes({ kind: 'assigned', actionId: 'a', at: 1, name: 'A', sid: 's' }))],
      ['too large', decodePresence(bytes({ ...presence, name: 'x', pad: 'y'.repeat(MAX_PAYLOAD_BYTES) }))],
    ];
    for (const [what, decoded] of cases) {
      expect(decoded.ok, what).toBe(false);
      expect(!decoded.ok && decoded.reason.length > 0, what).toBe(true);
    }
  });

  it('refuses to encode an invalid payload', () => {
    expect(() => encodePresence({ ...presence, state: 'dancing' } as never)).toThrow();
    expect(() => encodeEvent({ kind: 'assigned', actionId: '', at: 1, name: 'A', sid: 's', assigneeRemoteId: null })).toThrow();
  });
});
