import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../src-main/demo/content/fill-template';
import { withParticle } from '../../../src-main/demo/content/korean-particles';

describe('Korean particles', () => {
  it('follows the final consonant of Hangul words', () => {
    expect(withParticle('상품', '을/를')).toBe('상품을');
    expect(withParticle('이어폰', '이/가')).toBe('이어폰이');
    expect(withParticle('스마트워치', '을/를')).toBe('스마트워치를');
    expect(withParticle('커피 그라인더', '은/는')).toBe('커피 그라인더는');
  });

  it('treats (으)로 after ㄹ like a vowel', () => {
    expect(withParticle('서울', '으로/로')).toBe('서울로');
    expect(withParticle('부산', '으로/로')).toBe('부산으로');
  });

  it('reads digits the Korean way', () => {
    expect(withParticle('123456789012', '으로/로')).toBe('123456789012로'); // 이 → 로
    expect(withParticle('98760', '으로/로')).toBe('98760으로'); // 영 → 으로
    expect(withParticle('162,000원', '은/는')).toBe('162,000원은');
  });

  it('fills templates with particles', () => {
    expect(fillTemplate('{product|을/를} 받았어요, {name}님', { product: '러닝화', name: '민준' })).toBe('러닝화를 받았어요, 민준님');
    expect(fillTemplate('{missing} stays', {})).toBe('{missing} stays');
  });
});
