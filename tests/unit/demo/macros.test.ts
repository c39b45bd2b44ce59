import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE, type DemoMacro, type GeneratedDataset } from '../../../src-main/demo';
import { fillTemplate } from '../../../src-main/demo/content/fill-template';
import { TEXT_EN } from '../../../src-main/demo/content/text-en';
import { TEXT_KO } from '../../../src-main/demo/content/text-ko';

const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);
const HANGUL = /[\uac00-\ud7a3]/;
const ZENDESK_PLACEHOLDERS = new Set([
  'ticket.requester.first_name',
  'ticket.requester.name',
  'ticket.id',
  'ticket.title',
  'current_user.first_name',
  'current_user.name',
]);
const ACTION_FIELDS = new Set(['comment_value', 'comment_mode_is_public', 'status', 'priority', 'assignee_id', 'group_id', 'set_tags', 'current_tags', 'remove_tags']);

const field = (macro: DemoMacro, name: string): string | undefined => macro.actions.find((a) => a.field === name)?.value;
const textOf = (macro: DemoMacro): string => field(macro, 'comment_value') ?? '';

// A plain BM25 over title + text, the way the app ranks suggested macros: words for alphabetic
// text, overlapping 2-character pieces for Hangul/CJK (the app's search also finds 2-character
// Korean words), placeholders left out.
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.replace(/\{\{[^}]*\}\}/g, ' ').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    if (/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]/.test(word) && word.length > 2) {
      for (let i = 0; i + 2 <= word.length; i++) out.push(word.slice(i, i + 2));
    } else out.push(word);
  }
  return out;
}

function rank(macros: DemoMacro[], query: string): DemoMacro[] {
  const docs = macros.map((m) => tokens(`${m.title} ${textOf(m)}`));
  const avg = docs.reduce((n, d) => n + d.length, 0) / docs.length;
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const k1 = 1.2;
  const b = 0.75;
  const scores = docs.map((doc) => {
    let score = 0;
    for (const term of new Set(tokens(query))) {
      const tf = doc.filter((t) => t === term).length;
      if (tf === 0) continue;
      const n = df.get(term) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / avg));
    }
    return score;
  });
  return macros.map((m, i) => ({ m, s: scores[i] ?? 0 })).sort((x, y) => y.s - x.s).map((x) => x.m);
}

describe('demo macros', () => {
  let ds: GeneratedDataset;
  let macros: DemoMacro[];
  let active: DemoMacro[];
  beforeAll(() => {
    ds = generateDataset({ seed: 3, cases: 1500, anchorTime });
    macros = ds.macros();
    active = macros.filter((m) => m.active);
  });

  it('is a realistic set: ~25 active, a few retired, unique ids, titles and positions', () => {
    expect(active.length).toBeGreaterThanOrEqual(24);
    expect(active.length).toBeLessThanOrEqual(30);
    expect(macros.length - active.length).toBeGreaterThanOrEqual(2);
    expect(macros.length - active.length).toBeLessThanOrEqual(3);
    expect(new Set(macros.map((m) => m.id)).size).toBe(macros.length);
    expect(new Set(macros.map((m) => m.title)).size).toBe(macros.length);
    expect(macros.map((m) => m.position)).toEqual(macros.map((_, i) => i + 1));
    for (const m of macros) {
      expect(m.url).toBe(`${ds.baseUrl}/api/v2/macros/${m.id}.json`);
      expect(m.restriction).toBeNull();
      expect(m.created_at <= m.updated_at).toBe(true);
      expect(Date.parse(m.updated_at)).toBeLessThanOrEqual(anchorTime);
    }
  });

  it('uses Zendesk action fields with string values that point at real groups and agents', () => {
    const groupIds = new Set(ds.groups().map((g) => String(g.id)));
    const agentIds = new Set(ds.agents().filter((a) => a.active && !a.suspended).map((a) => String(a.id)));
    for (const m of macros) {
      expect(m.actions.length).toBeGreaterThan(0);
      for (const a of m.actions) {
        expect(ACTION_FIELDS.has(a.field), `${m.title}: ${a.field}`).toBe(true);
        expect(typeof a.value).toBe('string');
      }
      const fields = m.actions.map((a) => a.field);
      expect(new Set(fields).size).toBe(fields.length);
      // A text always says whether it is public, and only a text does.
      expect(fields.includes('comment_value')).toBe(fields.includes('comment_mode_is_public'));
      const mode = field(m, 'comment_mode_is_public');
      if (mode !== undefined) expect(['true', 'false']).toContain(mode);
      const status = field(m, 'status');
      if (status !== undefined) expect(['open', 'pending', 'hold', 'solved']).toContain(status);
      const priority = field(m, 'priority');
      if (priority !== undefined) expect(['low', 'normal', 'high', 'urgent']).toContain(priority);
      const group = field(m, 'group_id');
      if (group !== undefined) expect(groupIds.has(group)).toBe(true);
      const assignee = field(m, 'assignee_id');
      if (assignee !== undefined) expect(assignee === 'current_user' || agentIds.has(assignee)).toBe(true);
      for (const tagsField of ['set_tags', 'current_tags', 'remove_tags']) {
        const value = field(m, tagsField);
        if (value !== undefined) expect(value).toMatch(/^[a-z0-9_]+( [a-z0-9_]+)*$/);
      }
      for (const match of textOf(m).matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) expect(ZENDESK_PLACEHOLDERS.has(match[1] ?? ''), `${m.title}: ${match[0]}`).toBe(true);
    }
    const escalate = active.find((m) => m.title === 'Escalate to tier 2') as DemoMacro;
    expect(field(escalate, 'comment_mode_is_public')).toBe('false');
    expect(field(escalate, 'priority')).toBe('high');
    expect(field(escalate, 'group_id')).toBeDefined();
    expect(field(active.find((m) => m.title === 'Take it') as DemoMacro, 'assignee_id')).toBe('current_user');
    const used = new Set(active.flatMap((m) => m.actions.map((a) => a.field)));
    expect([...ACTION_FIELDS].filter((f) => !used.has(f))).toEqual([]);
  });

  it('has Korean macros in natural wording and a few in German, Spanish and Japanese', () => {
    const korean = active.filter((m) => HANGUL.test(m.title));
    expect(korean.length).toBeGreaterThanOrEqual(4);
    for (const m of korean) {
      const text = textOf(m);
      expect(text).not.toContain('first_name');
      if (field(m, 'comment_mode_is_public') === 'true') expect(text).toContain('{{ticket.requester.name}}님');
    }
    expect(korean.map((m) => m.title)).toEqual(expect.arrayContaining([KOREAN_REFUND_MACRO_TITLE, '배송 지연 사과']));
    expect(active.some((m) => /Versand/.test(m.title))).toBe(true);
    expect(active.some((m) => /Reembolso/.test(m.title))).toBe(true);
    expect(active.some((m) => /[\u3040-\u30ff]/.test(textOf(m)))).toBe(true);
  });

  it('is the same for every seed and run (only the base URL differs)', () => {
    const again = generateDataset({ seed: 3, cases: 1500, anchorTime }).macros();
    expect(again).toEqual(macros);
    const other = generateDataset({ seed: 99, cases: 200, anchorTime, baseUrl: 'http://elsewhere.invalid' }).macros();
    expect(other.map(({ url: _url, ...m }) => m)).toEqual(macros.map(({ url: _url, ...m }) => m));
  });

  it('ranks the refund macro first for the English and Korean refund requests', () => {
    const values = { order: 'SD-1234567', product: '무선 이어폰', amount: '39,000원', date: '3월 2일', tracking: '1Z999', card: '4242', name: '김민지', agent: '조하나' };
    const templates = (text: typeof TEXT_EN): string[] => {
      const refund = text.topics.refund;
      return refund ? [...refund.openers, ...refund.subjects] : [];
    };
    for (const template of templates(TEXT_EN)) expect(rank(active, fillTemplate(template, { ...values, product: 'wireless earbuds', amount: '$39.00' }))[0]?.title, template).toBe(REFUND_MACRO_TITLE);
    for (const template of templates(TEXT_KO)) expect(rank(active, fillTemplate(template, values))[0]?.title, template).toBe(KOREAN_REFUND_MACRO_TITLE);

    // And for the dataset's real refund tickets: subject and the customer's first message.
    let checked = 0;
    for (const ticket of ds.tickets()) {
      const meta = ds.metas[ticket.id - 1];
      if (meta?.topic !== 'refund' || (meta.language !== 'en' && meta.language !== 'ko')) continue;
      const first = ds.commentsFor(ticket.id)[0];
      const query = `${ticket.subject} ${first?.body ?? ''}`;
      expect(rank(active, query)[0]?.title, `ticket ${ticket.id}`).toBe(meta.language === 'ko' ? KOREAN_REFUND_MACRO_TITLE : REFUND_MACRO_TITLE);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
