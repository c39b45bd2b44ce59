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
