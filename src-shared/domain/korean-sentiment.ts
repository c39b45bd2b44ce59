// A small Korean sentiment lexicon (docs/smart-priority.md § Korean). The `sentiment` library core
// uses for English (AFINN-165) has no Korean, so Korean text is scored here the same way: each
// word's points on AFINN's −5…+5 scale, summed, divided by the number of words ("comparative").
//
// Korean glues endings and particles to its stems (화가 났어요, 실망했습니다, 최악이네요), so an
// entry matches when a word CONTAINS its stem. A stem followed by a negation in the same word or
// the next one (좋지 않아요, 만족하지 못했어요, 안 좋아요) counts with the opposite sign.
// The list is deliberately short and biased to what customers write to support: anger,
// disappointment, inconvenience, and thanks. Extend it here; the unit tests cover its behaviour.

export const KOREAN_SENTIMENT_LEXICON: Readonly<Record<string, number>> = {
  // anger and outrage
  화나: -3,
  화가: -3,
  화납: -3,
  짜증: -3,
  열받: -3,
  분노: -4,
  어이없: -3,
  황당: -3,
  최악: -4,
  엉망: -3,
  형편없: -3,
  사기: -3,
  // disappointment, inconvenience
  실망: -2,
  불만: -2,
  불편: -2,
  답답: -2,
  속상: -2,
  불친절: -3,
  무책임: -3,
  불량: -2,
  지겹: -2,
  억울: -2,
  // thanks, satisfaction
  감사: 2,
  고맙: 2,
  고마워: 2,
  좋: 2,
  만족: 2,
  최고: 3,
  친절: 2,
  훌륭: 3,
  다행: 1,
  빠르: 1,
};

const HANGUL = /[\uac00-\ud7a3]/g;
const LETTER = /\p{L}/gu;
/** A negation after the stem in the same word (…지 않/…지 못) or as the next word (않아요, 못해요). */
const NEGATION_AFTER = /지\s?(않|못|마)/;
const NEGATION_WORD = /^(않|못)/;

/** True when most letters of the text are Hangul. */
export function isMostlyKorean(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return false;
  return (text.match(HANGUL)?.length ?? 0) / letters >= 0.5;
}

export interface KoreanSentimentResult {
  score: number;
  /** score / words, like the `sentiment` library's `comparative`. */
  comparative: number;
  /** The stems found, with their (signed) points. */
  matches: { stem: string; points: number }[];
}

const STEMS = Object.keys(KOREAN_SENTIMENT_LEXICON).sort((a, b) => b.length - a.length);

export function analyzeKoreanSentiment(text: string): KoreanSentimentResult {
  const words = text.split(/[\s.,!?~…"'()[\]]+/u).filter((w) => w.length > 0);
  if (words.length === 0) return { score: 0, comparative: 0, matches: [] };
  let score = 0;
  const matches: KoreanSentimentResult['matches'] = [];
  words.forEach((word, i) => {
    // Longest stem first, one per word (화가 났어요 counts once, not for 화가 and 화나).
    const stem = STEMS.find((s) => word.includes(s));
    if (stem === undefined) return;
    let points = KOREAN_SENTIMENT_LEXICON[stem] ?? 0;
    const rest = word.slice(word.indexOf(stem) + stem.length);
    const previous = words[i - 1] ?? '';
    const next = words[i + 1] ?? '';
    // "안 좋아요" (안 before), "좋지 않아요" (지 않 after, same or next word)
    if (NEGATION_AFTER.test(rest) || NEGATION_AFTER.test(`${rest} ${next}`) || NEGATION_WORD.test(next) || previous === '안' || previous === '못') points = -points;
    score += points;
    matches.push({ stem, points });
  });
  return { score, comparative: score / words.length, matches };
}
