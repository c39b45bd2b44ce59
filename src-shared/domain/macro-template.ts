// Macro text templates (DESIGN §8, issue 6): plain text with placeholders such as
// `{{customer.first_name}}` and fallbacks `{{customer.first_name | "there"}}`. One pass, no
// recursion: a value that itself contains `{{…}}` or markup is inserted as the text it is (the
// result is a plain-text comment; nothing here is ever HTML).

/** Every placeholder a macro may use. */
export const MACRO_PLACEHOLDERS = [
  'customer.first_name',
  'customer.name',
  'customer.tier',
  'customer.last_order.number',
  'case.id',
  'case.subject',
  'agent.name',
  'agent.first_name',
] as const;

export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

/** The values of one case (null or absent: unknown for this case). */
export type MacroContext = Partial<Record<MacroPlaceholder, string | null>>;

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; name: string; known: boolean; fallback: string | null; source: string; start: number; end: number };

export interface TemplateProblem {
  kind: 'unknown-placeholder' | 'bad-placeholder';
  /** The placeholder as written, e.g. `{{customer.nickname}}`. */
  source: string;
  /** The placeholder's name, for `unknown-placeholder`. */
  name?: string;
  start: number;
  end: number;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** A template with problems cannot be saved (the editor shows where they are). */
  problems: TemplateProblem[];
}

// `{{ name }}` or `{{ name | "fallback" }}`; the fallback is a double-quoted string where `\"` and
// `\\` escape. Anything else between `{{` and `}}` is a bad placeholder.
const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const INNER = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?$/;

export function isMacroPlaceholder(name: string): name is MacroPlaceholder {
  return (MACRO_PLACEHOLDERS as readonly string[]).includes(name);
}

export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) parts.push({ kind: 'text', text: template.slice(last, start) });
    last = end;
    const inner = INNER.exec(match[1] ?? '');
    if (!inner) {
      problems.push({ kind: 'bad-placeholder', source: match[0], start, end });
      parts.push({ kind: 'text', text: match[0] });
      continue;
    }
    const name = inner[1]!;
    const fallback = inner[2] === undefined ? null : inner[2].replace(/\\(.)/g, '$1');
    const known = isMacroPlaceholder(name);
    if (!known) problems.push({ kind: 'unknown-placeholder', source: match[0], name, start, end });
    parts.push({ kind: 'placeholder', name, known, fallback, source: match[0], start, end });
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return { parts, problems };
}

export interface RenderedTemplate {
  text: string;
  /** Known placeholders with no value for this case and no fallback: rendered empty; say so before applying. */
  missing: MacroPlaceholder[];
  /** Placeholders no macro may use (left as written). */
  unknown: string[];
  /** Where each placeholder's value went in `text` (for highlighting in a preview). */
  spans: { name: string; start: number; end: number; value: 'value' | 'fallback' | 'missing' | 'unknown' }[];
}

/** Fills a template for one case. Values are text: inserted as they are, never expanded again. */
export function renderTemplate(template: string, context: MacroContext): RenderedTemplate {
  const { parts } = parseTemplate(template);
  let text = '';
  const missing = new Set<MacroPlaceholder>();
  const unknown = new Set<string>();
  const spans: RenderedTemplate['spans'] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const start = text.length;
    let kind: RenderedTemplate['spans'][number]['value'];
    if (!part.known) {
      unknown.add(part.name);
      text += part.source;
      kind = 'unknown';
    } else {
      const value = context[part.name as MacroPlaceholder];
      const usable = value !== undefined && value !== null && value.trim() !== '' ? value.trim() : null;
      if (usable !== null) {
        text += usable;
        kind = 'value';
      } else if (part.fallback !== null) {
        text += part.fallback;
        kind = 'fallback';
      } else {
        missing.add(part.name as MacroPlaceholder);
        kind = 'missing';
      }
    }
    spans.push({ name: part.name, start, end: text.length, value: kind });
  }
  return { text, missing: [...missing], unknown: [...unknown], spans };
}

/** The first name of a display name: its first word (a Korean name, written without spaces, is kept whole). */
export function firstNameOf(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return null;
  return trimmed.split(/\s+/)[0] ?? null;
}
