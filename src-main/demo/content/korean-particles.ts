// Korean particles depend on whether the preceding syllable ends in a consonant (받침):
// 주문을 / 상품를 is wrong, 상품을 is right. This picks the right form after any word,
// including words ending in digits ("SD-1042 으로" is read "이" → "로").

// Whether the Korean reading of each digit ends in a consonant, and whether that consonant is ㄹ.
const DIGIT_FINAL: Readonly<Record<string, 'none' | 'rieul' | 'other'>> = {
  '0': 'other', // 영
  '1': 'rieul', // 일
  '2': 'none', // 이
  '3': 'other', // 삼
  '4': 'none', // 사
  '5': 'none', // 오
  '6': 'other', // 육
  '7': 'rieul', // 칠
  '8': 'rieul', // 팔
  '9': 'none', // 구
};

type Final = 'none' | 'rieul' | 'other';

function finalSound(word: string): Final {
  const trimmed = word.replace(/[\s)\]"'”’.]+$/u, '');
  const last = trimmed.charAt(trimmed.length - 1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    if (jong === 0) return 'none';
    return jong === 8 ? 'rieul' : 'other';
  }
  return DIGIT_FINAL[last] ?? 'none';
}

/**
 * Appends the particle that fits: `particle` is written "withConsonant/withoutConsonant",
 * e.g. "을/를", "이/가", "은/는", "과/와", "으로/로".
 */
export function withParticle(word: string, particle: string): string {
  const [afterConsonant = '', afterVowel = ''] = particle.split('/');
  const final = finalSound(word);
  // (으)로 takes the short form after ㄹ as well as after vowels.
  if (afterConsonant === '으로' && final === 'rieul') return word + afterVowel;
  return word + (final === 'none' ? afterVowel : afterConsonant);
}
