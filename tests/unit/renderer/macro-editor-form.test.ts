import { describe, expect, it } from 'vitest';
import type { MacroView } from '../../../src-shared/contract/macros';
import { describeFieldChanges, type FieldNames } from '../../../src-renderer/features/macros/editor/field-changes';
import {
  checkForm,
  closestPlaceholder,
  duplicateForm,
  emptyForm,
  formActions,
  formFromMacro,
  formToInput,
  insertPlaceholder,
  isFormDirty,
  listMacros,
  renderPreview,
  type MacroForm,
} from '../../../src-renderer/features/macros/editor/macro-form';

const macro = (over: Partial<MacroView> = {}): MacroView => ({
  id: 7,
  source: 'personal',
  accountId: null,
  title: 'Refund issued',
  body: 'Hi {{customer.first_name | "there"}}, done.',
  bodyPublic: true,
  actions: { status: 'solved', priority: null, assignee: { kind: 'agent', agentId: 12 }, groupId: 3, addTags: ['refund'], removeTags: ['waiting'] },
  usageCount: 0,
  lastUsedAt: null,
  updatedAt: 1,
  ...over,
});

const form = (over: Partial<MacroForm> = {}): MacroForm => ({ ...emptyForm(), title: 'T', body: 'Hello', ...over });

describe('the editor form and the contract', () => {
  it('round-trips a macro through the form', () => {
    const m = macro();
    const f = formFromMacro(m);
    expect(f).toMatchObject({ id: 7, status: 'solved', priority: 'none', assignee: '12', group: '3', addTags: 'refund', removeTags: 'waiting', setTags: null });
    expect(formToInput(f)).toEqual({ id: 7, title: m.title, body: m.body, bodyPublic: true, actions: m.actions });
    expect(isFormDirty(f, formFromMacro(m))).toBe(false);
  });

  it('maps the pickers: no change, none, me, an agent, a group', () => {
    expect(formActions(form())).toEqual({});
    expect(formActions(form({ priority: 'none', assignee: 'none', group: 'none' }))).toEqual({ priority: null, assignee: { kind: 'none' }, groupId: null });
    expect(formActions(form({ priority: 'urgent', assignee: 'me', group: '4', status: 'pending' }))).toEqual({ status: 'pending', priority: 'urgent', assignee: { kind: 'me' }, groupId: 4 });
    expect(formActions(form({ assignee: '9' })).assignee).toEqual({ kind: 'agent', agentId: 9 });
  });

  it('reads tags as typed: spaces or commas, lower case, no repeats', () => {
    expect(formActions(form({ addTags: 'Refund, vip  vip', removeTags: ' ' }))).toEqual({ addTags: ['refund', 'vip'] });
  });

  it('keeps a helpdesk macro’s set_tags until cleared', () => {
    const shared = macro({ source: 'shared', accountId: 1, actions: { setTags: ['a', 'b'] } });
    expect(formActions(formFromMacro(shared))).toEqual({ setTags: ['a', 'b'] });
    expect(formActions({ ...formFromMacro(shared), setTags: null })).toEqual({});
  });

  it('a new form is clean until something is typed; whitespace-only title changes do not count', () => {
    expect(isFormDirty(emptyForm(), null)).toBe(false);
    expect(isFormDirty({ ...emptyForm(), title: 'x' }, null)).toBe(true);
    const saved = formFromMacro(macro());
    expect(isFormDirty({ ...saved, title: `${saved.title}  ` }, saved)).toBe(false);
    expect(isFormDirty({ ...saved, bodyPublic: false }, saved)).toBe(true);
    expect(isFormDirty({ ...saved, addTags: 'refund,' }, saved)).toBe(false);
  });

  it('duplicates as an unsaved personal copy with a new title', () => {
    const copy = duplicateForm(macro({ source: 'shared' }), (t) => `${t} (copy)`);
    expect(copy.id).toBeNull();
    expect(copy.title).toBe('Refund issued (copy)');
    expect(formToInput(copy)).not.toHaveProperty('id');
  });
});

describe('what stops a save', () => {
  it('flags unknown and malformed placeholders with their positions', () => {
    const body = 'Hi {{customer.nickname}} and {{customer.first_name | there}}';
    const check = checkForm(form({ body }));
    expect(check.problems.map((p) => [p.kind, p.source, body.slice(p.start, p.end)])).toEqual([
      ['unknown-placeholder', '{{customer.nickname}}', '{{customer.nickname}}'],
      ['bad-placeholder', '{{customer.first_name | there}}', '{{customer.first_name | there}}'],
    ]);
    expect(check.blockers).toEqual([{ kind: 'template', count: 2 }]);
  });

  it('needs a title, and some text or an action', () => {
    expect(checkForm(form({ title: '  ' })).blockers).toEqual([{ kind: 'title-missing' }]);
    expect(checkForm(form({ body: ' ' })).blockers).toEqual([{ kind: 'empty' }]);
    expect(checkForm(form({ body: '', status: 'solved' })).blockers).toEqual([]);
  });

  it('refuses a tag both added and removed, too many tags, and over-long tags', () => {
    expect(checkForm(form({ addTags: 'a b', removeTags: 'b' })).blockers).toEqual([{ kind: 'tags-both', tags: ['b'] }]);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(' ');
    expect(checkForm(form({ addTags: many })).blockers).toEqual([{ kind: 'too-many-tags' }]);
    expect(checkForm(form({ addTags: 'x'.repeat(81) })).blockers.map((b) => b.kind)).toEqual(['tag-too-long']);
  });

  it('a valid form may be saved', () => {
    expect(checkForm(form({ body: 'Hi {{customer.first_name | "there"}}, {{agent.first_name}}' })).blockers).toEqual([]);
  });
});

describe('inserting a placeholder', () => {
  it('goes at the cursor and puts the cursor after it', () => {
    expect(insertPlaceholder('Hi ,', 3, 3, 'customer.first_name')).toEqual({ text: 'Hi {{customer.first_name}},', cursor: 26 });
  });
  it('replaces a selection', () => {
    expect(insertPlaceholder('Hi NAME!', 3, 7, 'customer.name')).toEqual({ text: 'Hi {{customer.name}}!', cursor: 20 });
  });
  it('clamps positions outside the text', () => {
    expect(insertPlaceholder('ab', 10, 12, 'case.id')).toEqual({ text: 'ab{{case.id}}', cursor: 13 });
  });
});

describe('did you mean', () => {
  it('suggests a known placeholder for a typo or a familiar last word', () => {
    expect(closestPlaceholder('customer.frist_name')).toBe('customer.first_name');
    expect(closestPlaceholder('ticket.requester.first_name')).toBe('customer.first_name');
    expect(closestPlaceholder('case.subjet')).toBe('case.subject');
  });
  it('says nothing for something unrelated', () => {
    expect(closestPlaceholder('weather.today')).toBeNull();
  });
});

describe('the preview', () => {
  it('cuts the rendered text so each value can be marked: value, fallback, missing, unknown', () => {
    const { rendered, segments } = renderPreview('Hi {{customer.first_name | "there"}} ({{customer.tier}}) #{{case.id}} {{x.y}}', { 'case.id': '42', 'customer.first_name': null });
    expect(rendered.text).toBe('Hi there () #42 {{x.y}}');
    expect(rendered.missing).toEqual(['customer.tier']);
    expect(segments).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'fallback', text: 'there', name: 'customer.first_name' },
      { kind: 'text', text: ' (' },
      { kind: 'missing', text: '', name: 'customer.tier' },
      { kind: 'text', text: ') #' },
      { kind: 'value', text: '42', name: 'case.id' },
      { kind: 'text', text: ' ' },
      { kind: 'unknown', text: '{{x.y}}', name: 'x.y' },
    ]);
  });

  it('keeps a customer’s value as text, markup included', () => {
    const { segments } = renderPreview('{{customer.name}}', { 'customer.name': '<b>{{agent.name}}</b>' });
    expect(segments).toEqual([{ kind: 'value', text: '<b>{{agent.name}}</b>', name: 'customer.name' }]);
  });
});

describe('the list', () => {
  it('puts personal macros apart from shared ones, by title, filtered by title or text', () => {
    const list = [
      macro({ id: 1, title: 'b personal' }),
      macro({ id: 2, title: 'A shared', source: 'shared', accountId: 1, body: 'about shipping' }),
      macro({ id: 3, title: 'a personal' }),
    ];
    expect(listMacros(list, '')).toEqual({ personal: [list[2], list[0]], shared: [list[1]] });
    expect(listMacros(list, 'SHIPPING')).toEqual({ personal: [], shared: [list[1]] });
  });
});

describe('field changes in the preview', () => {
  const names: FieldNames = {
    status: (s) => s,
    priority: (p) => p ?? 'none',
    agent: (id) => (id === null ? 'nobody' : `agent ${id}`),
    me: () => 'me',
    group: (id) => (id === null ? 'no group' : `group ${id}`),
  };

  it('without a case: only the new values', () => {
    expect(describeFieldChanges({ status: 'solved', assignee: { kind: 'me' }, addTags: ['x'] }, null, names)).toEqual([
      { kind: 'field', field: 'status', from: null, to: 'solved', same: false },
      { kind: 'field', field: 'assignee', from: null, to: 'me', same: false },
      { kind: 'tags', field: 'addTags', tags: ['x'], unchanged: [] },
    ]);
  });

  it('against the open case: from → to, what is already so, and only tags that change', () => {
    const current = { status: 'open' as const, priority: 'high' as const, assigneeId: 5, groupId: null, tags: ['refund', 'vip'] };
    expect(describeFieldChanges({ status: 'pending', priority: 'high', assignee: { kind: 'me' }, groupId: 2, addTags: ['refund', 'new'], removeTags: ['vip', 'absent'] }, current, names, [5])).toEqual([
      { kind: 'field', field: 'status', from: 'open', to: 'pending', same: false },
      { kind: 'field', field: 'priority', from: 'high', to: 'high', same: true },
      { kind: 'field', field: 'assignee', from: 'agent 5', to: 'me', same: true },
      { kind: 'field', field: 'group', from: 'no group', to: 'group 2', same: false },
      { kind: 'tags', field: 'addTags', tags: ['new'], unchanged: ['refund'] },
      { kind: 'tags', field: 'removeTags', tags: ['vip'], unchanged: ['absent'] },
    ]);
  });
});
