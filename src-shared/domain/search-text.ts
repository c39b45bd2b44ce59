// Text preparation for the full-text index. SQLite's unicode61 tokenizer keeps a run of Hangul or
// Han characters as one token, so "환불요청" could only be found whole. Trigram indexing fixes that
// but is six times slower to build and still misses 2-character words, which Korean is full of.
// So CJK runs are indexed as overlapping character bigrams ("환불 불요 요청"); a query for a CJK
// substring becomes the phrase of its bigrams. Latin text goes through unicode61 unchanged.

const CJK_RUN = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;

function bigrams(run: string): string {
  const chars = Array.from(run);
  if (chars.length < 2) return run;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams.join(' ');
}

/** The text to store in the index for a document. */
export function toIndexText(text: string): string {
  return text.replace(CJK_RUN, (run) => ` ${bigrams(run)} `);
}

export function hasCjk(text: string): boolean {
  CJK_RUN.lastIndex = 0;
  const found = CJK_RUN.test(text);
  CJK_RUN.lastIndex = 0;
  return found;
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/**
 * Turns the free-text words of a search into an FTS5 MATCH expression, or null when nothing is
 * searchable. Every word must match (AND); the last Latin word is a prefix so results follow typing.
 */
export function toMatchExpression(words: readonly string[]): string | null {
  const parts: string[] = [];
  words.forEach((word, index) => {
    const isLast = index === words.length - 1;
    // Split the word into CJK runs and the rest, the same way the index text was split.
    const pieces = word.replace(CJK_RUN, (run) => `\u0000${run}\u0000`).split('\u0000');
    for (const piece of pieces) {
      if (piece === '') continue;
      CJK_RUN.lastIndex = 0;
      if (CJK_RUN.test(piece)) {
        CJK_RUN.lastIndex = 0;
        const chars = Array.from(piece);
        // One CJK character: any bigram starting with it, or the lone character itself.
        parts.push(chars.length === 1 ? `${quote(piece)}*` : quote(bigrams(piece)));
        continue;
      }
      for (const token of piece.split(/[^\p{L}\p{N}_]+/u)) {
        if (token === '') continue;
        parts.push(isLast && token.length >= 2 ? `${quote(token)}*` : quote(token));
      }
    }
  });
  return parts.length === 0 ? null : parts.join(' AND ');
}
