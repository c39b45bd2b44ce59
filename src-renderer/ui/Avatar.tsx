// Initials on a colour picked from the name, so the same customer always looks the same.
// Every colour keeps white text above 4.5:1 contrast.
const COLOURS = ['#1f5fbf', '#6d3fb0', '#a8325a', '#9a4216', '#1b6f52', '#4a50b8', '#7d5200', '#255f7d'];

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = Array.from(words[0]!)[0]!;
  // Hangul and other CJK names read best with their first character alone.
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(first)) return first;
  const last = words.length > 1 ? Array.from(words[words.length - 1]!)[0]! : '';
  return (first + last).toUpperCase();
}

export function Avatar({ name, size = 40 }: { name: string; size?: number }) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4), background: COLOURS[hash(name) % COLOURS.length] }}
    >
      {initialsOf(name)}
    </span>
  );
}
