import { describe, expect, it } from 'vitest';
import { normalizeIdentity } from '../../../src-shared/domain/channels';
import { priorityRank, queueOfStatus } from '../../../src-shared/domain/case-fields';

describe('identities', () => {
  it('normalises identities so one person matches across channels', () => {
    expect(normalizeIdentity('email', ' Minji.Kim@Example.COM ')).toBe('minji.kim@example.com');
    expect(normalizeIdentity('phone', '+82 10-1234-5678')).toBe('+821012345678');
    expect(normalizeIdentity('whatsapp', '821012345678')).toBe('+821012345678');
    expect(normalizeIdentity('twitter', '@MinjiK')).toBe('minjik');
    expect(normalizeIdentity('email', 'not-an-email')).toBeNull();
    expect(normalizeIdentity('phone', '12')).toBeNull();
  });
});

describe('case fields', () => {
  it('groups statuses into queues', () => {
    expect(['new', 'open', 'pending', 'hold', 'solved', 'closed'].map((s) => queueOfStatus(s as never))).toEqual(['open', 'open', 'pending', 'hold', 'solved', 'solved']);
  });
  it('ranks priorities, treating none as normal', () => {
    expect([priorityRank('urgent'), priorityRank('high'), priorityRank(null), priorityRank('low')]).toEqual([4, 3, 2, 1]);
  });
});
