import { describe, expect, it } from 'vitest';
import { Rng, mixSeed } from '../../../src-main/demo/random/prng';

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    expect(seqA).toEqual(seqB);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('derives independent streams from labels and ids', () => {
    expect(Rng.derive(1, 'comment', 5).next()).not.toBe(Rng.derive(1, 'comment', 6).next());
    expect(Rng.derive(1, 'a').next()).not.toBe(Rng.derive(1, 'b').next());
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1, 2 ** 33)).not.toBe(mixSeed(1, 0));
  });

  it('picks by weight', () => {
    const rng = new Rng(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted({ a: 9, b: 1 })]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.85);
    expect(counts.a / 10_000).toBeLessThan(0.95);
  });
});
