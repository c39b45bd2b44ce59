import { beforeEach, describe, expect, it } from 'vitest';
import { getEntry, loadEntry, useComposer } from '../../../src-renderer/features/composer/composer-store';
import { insertText, mergeFields, mergeIntent, placementFor, removeInserted, stageMacro, undoMacro, useMacroNotice } from '../../../src-renderer/features/composer/macro-staging';

describe('inserting a macro at the caret', () => {
  it('inserts into an empty composer as it is', () => {
    expect(insertText('', 0, 'Hi Emma,')).toEqual({ body: 'Hi Emma,', start: 0, text: 'Hi Emma,' });
  });
  it('never replaces the draft: keeps words apart with a space, paragraphs with a blank line', () => {
    expect(insertText('Thanks', 6, 'see you')).toEqual({ body: 'Thanks see you', start: 6, text: ' see you' });
    expect(insertText('Note.', 5, 'Hi,\n\nBye')).toEqual({ body: 'Note.\n\nHi,\n\nBye', start: 5, text: '\n\nHi,\n\nBye' });
    expect(insertText('ab', 1, 'X').body).toBe('a X b');
    expect(insertText('a ', 2, 'X').body).toBe('a X');
  });
  it('clamps a caret past the end', () => {
    expect(insertText('ab', 99, 'c').body).toBe('ab c');
  });
});

describe('undoing an insert', () => {
  it('removes the text where it was put', () => {
    expect(removeInserted('Note. Hi there', { start: 5, text: ' Hi there' })).toEqual({ body: 'Note.', removed: true });
  });
  it('finds it once moved by typing before it', () => {
    expect(removeInserted('More. Note. Hi there', { start: 5, text: ' Hi there' })).toEqual({ body: 'More. Note.', removed: true });
  });
  it('leaves edited text alone', () => {
    expect(removeInserted('Note. Hi there, Emma', { start: 5, text: ' Hi there!' })).toEqual({ body: 'Note. Hi there, Emma', removed: false });
  });
});

describe('staged fields', () => {
  it('merges two applies: the later wins, tags add up', () => {
    expect(mergeFields({ status: 'pending', addTags: ['a'], removeTags: ['b'] }, { status: 'solved', addTags: ['b'] })).toEqual({ status: 'solved', addTags: ['a', 'b'] });
  });
  it('sends one intent: message, fields, then the variant status over the macro status', () => {
    const staged = { macroId: 1, title: 'x', fields: { status: 'solved' as const, addTags: ['refund'] }, inserted: null, modeBefore: null, previous: null };
    expect(mergeIntent({ body: 'hi', public: true }, staged, { status: 'pending' })).toEqual({ comment: { body: 'hi', public: true }, status: 'pending', addTags: ['refund'] });
    expect(mergeIntent(undefined, staged, {})).toEqual({ status: 'solved', addTags: ['refund'] });
  });
  it('asks where a note goes only when a reply draft holds text', () => {
    expect(placementFor('reply', '', 'note')).toBe('switch');
    expect(placementFor('reply', 'draft', 'note')).toBe('ask');
    expect(placementFor('note', 'x', 'note')).toBe('insert');
  });
});

describe('stage and undo on the composer entry', () => {
  beforeEach(() => {
    useComposer.setState({ entries: {} });
    useMacroNotice.setState({ notices: {} });
    loadEntry(7, { body: 'Draft', mode: 'reply' } as never);
  });

  it('stages text and fields, then Undo takes both back', () => {
    expect(stageMacro(7, { macroId: 3, title: 'Refund', fields: { status: 'solved' }, text: 'Hi Emma,', textMode: 'reply' })).toBe('staged');
    expect(getEntry(7)!.body).toBe('Draft Hi Emma,');
    expect(getEntry(7)!.macro?.fields).toEqual({ status: 'solved' });
    undoMacro(7);
    expect(getEntry(7)!.body).toBe('Draft');
    expect(getEntry(7)!.macro).toBeNull();
  });

  it('keeps edited text and says so, but drops the fields', () => {
    stageMacro(7, { macroId: 3, title: 'Refund', fields: { status: 'solved' }, text: 'Hi Emma,', textMode: 'reply' });
    useComposer.setState((s) => ({ entries: { ...s.entries, 7: { ...s.entries[7]!, body: 'Draft Hi Emma, sorry!!' } } }));
    stageMacro(7, { macroId: 4, title: 'Tag', fields: { addTags: ['x'] }, text: '', textMode: 'reply' });
    undoMacro(7); // the second apply: back to the first
    expect(getEntry(7)!.macro?.macroId).toBe(3);
    useComposer.setState((s) => ({ entries: { ...s.entries, 7: { ...s.entries[7]!, body: 'Draft Hi Emmy, sorry!!' } } }));
    undoMacro(7);
    expect(getEntry(7)!.body).toBe('Draft Hi Emmy, sorry!!');
    expect(getEntry(7)!.macro).toBeNull();
    expect(useMacroNotice.getState().notices[7]).toBe('textKept');
  });

  it('asks before putting a note into a reply draft', () => {
    expect(stageMacro(7, { macroId: 5, title: 'Escalate', fields: {}, text: 'Internal', textMode: 'note' })).toBe('ask');
    expect(getEntry(7)!.body).toBe('Draft');
    stageMacro(7, { macroId: 5, title: 'Escalate', fields: {}, text: 'Internal', textMode: 'note', choice: 'switch' });
    expect(getEntry(7)!.mode).toBe('note');
    undoMacro(7);
    expect(getEntry(7)!.mode).toBe('reply');
  });
});
