import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_VIA_IDS, generateDataset, VIA_IDS, viaTypeOf, type DemoComment, type GeneratedDataset } from '../../../src-main/demo';

// Zendesk's documented (and observed) inconveniences in the generated data.
const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('documented shapes in the generated data', () => {
  let ds: GeneratedDataset;
  let comments: DemoComment[];
  beforeAll(() => {
    ds = generateDataset({ seed: 4, cases: 2000, anchorTime });
    comments = ds.tickets().flatMap((t) => ds.commentsFor(t.id));
  });

  it('sends via.channel as the via id on about 10% of tickets and comments, some as strings, some unmapped', () => {
    for (const records of [ds.tickets(), comments]) {
      const ids = records.filter((r) => typeof r.via.channel === 'number' || /^\d+$/.test(String(r.via.channel)));
      expect(ids.length / records.length).toBeGreaterThan(0.07);
      expect(ids.length / records.length).toBeLessThan(0.13);
      const strings = ids.filter((r) => typeof r.via.channel === 'string');
      expect(strings.length).toBeGreaterThan(0);
      expect(strings.length).toBeLessThan(ids.length / 2);
      // Every id names the record's via type, documented or (74, 75) newer than the table.
      const numbers = ids.map((r) => Number(r.via.channel));
      expect(numbers.some((n) => !DOCUMENTED_VIA_IDS.has(n))).toBe(true);
      expect(numbers.filter((n) => DOCUMENTED_VIA_IDS.has(n)).length).toBeGreaterThan(numbers.length / 2);
      for (const n of numbers) expect(Object.values(VIA_IDS)).toContain(n);
    }
    expect(ds.tickets().some((t) => t.via.channel === VIA_IDS.email)).toBe(true);
    expect(ds.tickets().some((t) => t.via.channel === String(VIA_IDS.email))).toBe(true);
    expect(ds.tickets().some((t) => t.via.channel === VIA_IDS.whatsapp || t.via.channel === VIA_IDS.native_messaging)).toBe(true);
    // The via id replaces the type only: the source stays.
    const email = ds.tickets().find((t) => t.via.channel === VIA_IDS.email);
    expect(email?.via.source.from).toHaveProperty('address');
    expect(viaTypeOf(4)).toBe('email');
    expect(viaTypeOf('29')).toBe('chat');
    expect(viaTypeOf(999)).toBeUndefined();
  });

  it('is the same for the same seed, and off with viaIds: false', () => {
    const again = generateDataset({ seed: 4, cases: 2000, anchorTime });
    expect(again.tickets().map((t) => t.via.channel)).toEqual(ds.tickets().map((t) => t.via.channel));
    const plain = generateDataset({ seed: 4, cases: 2000, anchorTime, viaIds: false });
    expect(plain.tickets().every((t) => typeof t.via.channel === 'string' && !/^\d+$/.test(t.via.channel))).toBe(true);
    expect(plain.tickets().map((t) => viaTypeOf(t.via.channel))).toEqual(ds.tickets().map((t) => viaTypeOf(t.via.channel)));
  });
});

describe('edge cases and ground truth in the generated data', () => {
  it('picks the same few records for a seed, none special or deleted, and none with edgeCases: false', () => {
    const a = generateDataset({ seed: 9, cases: 1000, anchorTime });
    const b = generateDataset({ seed: 9, cases: 1000, anchorTime });
    expect(a.unreadableRecords).toEqual(b.unreadableRecords);
    expect(a.valuesToMap).toEqual(b.valuesToMap);
    expect(a.unreadableRecords.map((r) => r.kind)).toEqual(['ticket', 'comment', 'user']);
    const special = new Set([a.hostileTicketId, a.sampleKoreanTicketId, ...a.deletedTicketIds()]);
    for (const r of [...a.unreadableRecords, ...a.valuesToMap]) {
      const ticketId = r.kind === 'user' ? null : r.kind === 'ticket' || r.kind === 'ticket-priority' ? r.id : (r.ticketId as number);
      if (ticketId !== null) {
        expect(special.has(ticketId)).toBe(false);
        expect(a.ticket(ticketId)?.status).toBe('closed');
      }
    }
    const user = a.unreadableRecords.find((r) => r.kind === 'user');
    expect(a.tickets().some((t) => t.requester_id === user?.id)).toBe(false);
    const priority = a.valuesToMap.find((v) => v.kind === 'ticket-priority');
    expect(a.ticket(priority?.id ?? 0)?.priority).toBe('critical');
    const comment = a.valuesToMap.find((v) => v.kind === 'comment-public');
    expect(a.commentsFor(comment?.ticketId ?? 0).find((c) => c.id === comment?.id)).not.toHaveProperty('public');
    // The rest of the dataset is the same with or without edge cases (apart from those values).
    const plain = generateDataset({ seed: 9, cases: 1000, anchorTime, edgeCases: false });
    expect(plain.unreadableRecords).toEqual([]);
    expect(plain.valuesToMap).toEqual([]);
    expect(plain.tickets().filter((t) => t.id !== priority?.id)).toEqual(a.tickets().filter((t) => t.id !== priority?.id));
  });

  it('gives the ids a full sync must show: existing, readable tickets, their readable comments, readable users', () => {
    const ds = generateDataset({ seed: 9, cases: 1000, anchorTime });
    const truth = ds.syncGroundTruth();
    const deleted = new Set(ds.deletedTicketIds());
    const unreadable = new Set(ds.unreadableRecords.map((r) => `${r.kind}:${r.id}`));
    expect(truth.ticketIds.length).toBe(1000 - deleted.size - 1);
    expect(truth.ticketIds.some((id) => deleted.has(id) || unreadable.has(`ticket:${id}`))).toBe(false);
    const expectedComments = truth.ticketIds.flatMap((id) => ds.commentsFor(id).map((c) => c.id)).filter((id) => !unreadable.has(`comment:${id}`));
    expect(truth.commentIds).toEqual(expectedComments);
    expect(truth.userIds).toEqual(ds.users().map((u) => u.id).filter((id) => !unreadable.has(`user:${id}`)));
  });
});

describe('users without e-mail', () => {
  it('has end users with email null: social-only identities (X, WhatsApp, Facebook)', () => {
    const ds = generateDataset({ seed: 4, cases: 2000, anchorTime });
    const endUsers = ds.endUsers();
    const without = endUsers.filter((u) => u.email === null);
    expect(without.length / endUsers.length).toBeGreaterThan(0.1);
    for (const u of without) {
      expect(u.name.length).toBeGreaterThan(0);
      expect(u.user_fields.twitter_handle ?? u.user_fields.whatsapp_phone ?? u.user_fields.facebook_id).not.toBeNull();
    }
    // Some of them requested tickets.
    const byId = new Set(without.map((u) => u.id));
    expect(ds.tickets().filter((t) => byId.has(t.requester_id)).length).toBeGreaterThan(50);
  });
});
