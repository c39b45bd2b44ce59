import { Fragment, useMemo } from 'react';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Wraps the searched words in <mark>, ignoring case. Korean has no case and no word breaks
 * inside a word, so matching is by substring (환불 is found inside 환불요청).
 */
export function Highlight({ text, words }: { text: string; words: readonly string[] }) {
  const pattern = useMemo(() => {
    const terms = [...new Set(words.map((w) => w.replace(/^"|"$/g, '').trim()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
    return terms.length === 0 ? null : new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu');
  }, [words]);
  if (pattern === null) return <>{text}</>;
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, index) =>
        // split() with one capture group puts the matches at odd indexes.
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}
