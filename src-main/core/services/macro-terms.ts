import { toIndexText } from '../../../src-shared/domain/search-text';

// The query of a macro suggestion (docs/macros.md): the distinctive words of a case's latest
// customer messages, OR-ed, for bm25 over the macros' title and body. Words are prepared exactly
// as the index prepares text (`toIndexText`: Korean as bigrams), then common words and very short
// Latin words are dropped, English endings are trimmed (the stem becomes a prefix query, so
// "refunded" finds "refund"), and only the most frequent terms are kept.

/** At most this many terms go into one suggestion query. */
export const MAX_SUGGEST_TERMS = 24;

const ENGLISH_STOP = new Set(
  `about above after again against all also and any are aren because been before being below between both but can cannot could did does doing don down during each
   few for from further had has have having her here hers herself him himself his how i'm into its itself just let me more most my myself nor not now off once only other
   our ours out over own same she should some such than that the their theirs them then there these they this those through too under until very was wasn were what when
   where which while who whom why will with would you your yours yourself hello dear thanks thank please regards best kind hi hey get got just still yet one two
   really would like want need know can't could'nt i've i'd it's im ive dont didnt doesnt cant wont isnt
   sent iphone ipad android mobile`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

// Korean bigrams that say nothing about the topic: politeness endings, greetings, particles.
const KOREAN_STOP = new Set(
  `니다 습니 합니 입니 있습 없습 됩니 세요 주세 하세 해주 어요 해요 아요 에요 예요 이에 네요 는데 은데 는지 인지 에서 으로 에게 하고 그리 리고 그런 런데 하지 지만
   안녕 녕하 감사 사합 사드 드립 립니 고맙 맙습 수고 하는 하여 해서 어서 아서 이번 번에 제가 저는 저희 희가 이거 거나 부탁 탁드 있는 없는 있어 없어 하게 되었 었습 았습 였습 했습 너무 정말`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

const HANGUL_OR_HAN = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/** The index's view of a token: unicode61 folds case and (remove_diacritics 2) accents. */
function fold(token: string): string {
  // Hangul must stay composed (NFD would split syllables into jamo the index never saw).
  if (HANGUL_OR_HAN.test(token)) return token;
  return token.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();
}

/** "refunded" → "refund", "charges" → "charge", "shipping" → "shipp": a prefix that still finds the word's family. */
function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

export interface SuggestTerm {
  term: string;
  prefix: boolean;
  /** How much the term counts (1–3): it is repeated that many times in the query, and bm25 adds each repetition. */
  weight: number;
}

/** A text to take terms from; a subject counts more than a message line. */
export interface WeightedText {
  text: string;
  weight: number;
}

const MAX_WEIGHT = 3;

/** The distinctive terms of some texts, heaviest first (longer words break ties). */
export function suggestTerms(texts: readonly (string | WeightedText)[], max: number = MAX_SUGGEST_TERMS): SuggestTerm[] {
  const counts = new Map<string, { term: string; prefix: boolean; n: number; order: number }>();
  let order = 0;
  for (const entry of texts) {
    const { text, weight } = typeof entry === 'string' ? { text: entry, weight: 1 } : entry;
    // Split as unicode61 does ("_" separates, so "first_contact" is two words there too).
    for (const raw of toIndexText(text).split(/[^\p{L}\p{N}']+/u)) {
      const token = fold(raw.replace(/'/g, ''));
      if (token === '') continue;
      let term: { term: string; prefix: boolean };
      if (HANGUL_OR_HAN.test(token)) {
        if (Array.from(token).length < 2 || KOREAN_STOP.has(token)) continue;
        term = { term: token, prefix: false };
      } else {
        if (token.length < 3 || /^\d+$/.test(token) || ENGLISH_STOP.has(token) || ENGLISH_STOP.has(raw.toLowerCase())) continue;
        const stemmed = stem(token);
        term = { term: stemmed, prefix: stemmed !== token || token.length >= 5 };
      }
      const key = `${term.term}${term.prefix ? '*' : ''}`;
      const seen = counts.get(key);
      if (seen) seen.n += weight;
      else counts.set(key, { ...term, n: weight, order: order++ });
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || b.term.length - a.term.length || a.order - b.order)
    .slice(0, max)
    .map(({ term, prefix, n }) => ({ term, prefix, weight: Math.min(MAX_WEIGHT, Math.max(1, Math.round(n))) }));
}

/** The FTS5 expression for some terms (any of them, each repeated by its weight), or null when there is none. */
export function suggestMatch(terms: readonly SuggestTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms.flatMap(({ term, prefix, weight }) => Array<string>(weight).fill(`"${term.replace(/"/g, '""')}"${prefix ? '*' : ''}`)).join(' OR ');
}
