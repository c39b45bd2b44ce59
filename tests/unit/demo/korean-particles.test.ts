import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../src-main/demo/content/fill-template';
import { withParticle } from '../../../src-main/demo/content/korean-particles';
import { ko } from '../../../src-renderer/i18n/ko';

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

// The UI's Korean strings cannot pick a particle for a word they do not know ({{channel}}, {{name}}):
// "이메일(으)로" shows the alternation to the agent. Each sentence is built so that the particle
// follows a fixed word ("이메일 채널로"), and the fixed word takes the right form.
describe('Korean UI strings', () => {
  const leaves = (node: unknown, path = ''): [string, string][] =>
    typeof node === 'string' ? [[path, node]] : Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  const strings = leaves(ko);

  it('never writes a particle both ways, like (으)로 or 을(를)', () => {
    const alternation = /\((?:으|이|을|를|은|는|가|과|와)\)|[을를은는이가과와]\([을를은는이가과와]\)|(?:으로|로)\/(?:으로|로)/u;
    expect(strings.filter(([, text]) => alternation.test(text))).toEqual([]);
  });

  it('never puts a particle right after an interpolated word', () => {
    const particleAfterValue = /\}\}["'”’)]?(?:을|를|은|는|이|가|과|와|으로|로|이랑|랑|이나|나)(?![가-힣])/u;
    expect(strings.filter(([, text]) => particleAfterValue.test(text))).toEqual([]);
  });

  it('says how a reply goes with a word that takes 로', () => {
    for (const key of ['replyAudience', 'replyAudienceNoName'] as const) {
      const text = ko.composer[key];
      expect(text).toContain('{{channel}} 채널로');
      expect(withParticle('채널', '으로/로')).toBe('채널로');
    }
    expect(ko.settings.testOk).toContain('{{name}} 계정으로');
    expect(withParticle('계정', '으로/로')).toBe('계정으로');
  });
});
