import type { MacroActions, MacroInput, MacroView } from '../../../../src-shared/contract/macros';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import { MACRO_PLACEHOLDERS, parseTemplate, renderTemplate, type MacroContext, type RenderedTemplate, type TemplateProblem } from '../../../../src-shared/domain/macro-template';
import { parseTags } from '../../../ui/intent-lines';

// The macro editor's form as plain data, and the rules between it and the contract: what the
// fields mean as actions, whether it may be saved (and why not), where a placeholder goes.

/** The editor's fields as the agent sees them ('' in a picker: "No change"). */
export interface MacroForm {
  /** null: a new macro, not saved yet. */
  id: number | null;
  title: string;
  body: string;
  /** false: sent as an internal note. */
  bodyPublic: boolean;
  status: '' | CaseStatus;
  /** '' no change, 'none' no priority. */
  priority: '' | 'none' | CasePriority;
  /** '' no change, 'none' nobody, 'me' whoever applies it, or an agent's local id. */
  assignee: string;
  /** '' no change, 'none' no group, or a group's local id. */
  group: string;
  /** As typed: spaces or commas separate tags. */
  addTags: string;
  removeTags: string;
  /** A helpdesk macro's "replace the tags" (kept as it is; the editor only shows or clears it). */
  setTags: string[] | null;
}

export function emptyForm(): MacroForm {
  return { id: null, title: '', body: '', bodyPublic: true, status: '', priority: '', assignee: '', group: '', addTags: '', removeTags: '', setTags: null };
}

export function formFromMacro(macro: Pick<MacroView, 'id' | 'title' | 'body' | 'bodyPublic' | 'actions'>): MacroForm {
  const a = macro.actions;
  return {
    id: macro.id,
    title: macro.title,
    body: macro.body,
    bodyPublic: macro.bodyPublic,
    status: a.status ?? '',
    priority: a.priority === undefined ? '' : a.priority === null ? 'none' : a.priority,
    assignee: a.assignee === undefined ? '' : a.assignee.kind === 'agent' ? String(a.assignee.agentId) : a.assignee.kind,
    group: a.groupId === undefined ? '' : a.groupId === null ? 'none' : String(a.groupId),
    addTags: (a.addTags ?? []).join(' '),
    removeTags: (a.removeTags ?? []).join(' '),
    setTags: a.setTags && a.setTags.length > 0 ? [...a.setTags] : null,
  };
}

/** A personal copy of a (shared) macro: same text and actions, a new title, not saved yet. */
export function duplicateForm(macro: Pick<MacroView, 'id' | 'title' | 'body' | 'bodyPublic' | 'actions'>, copyTitle: (title: string) => string): MacroForm {
  return { ...formFromMacro(macro), id: null, title: copyTitle(macro.title).slice(0, 200) };
}

function isStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
function isPriority(value: string): value is CasePriority {
  return (CASE_PRIORITIES as readonly string[]).includes(value);
}

/** The actions the form describes; absent keys change nothing. */
export function formActions(form: MacroForm): MacroActions {
  const actions: MacroActions = {};
  if (isStatus(form.status)) actions.status = form.status;
  if (form.priority === 'none') actions.priority = null;
  else if (isPriority(form.priority)) actions.priority = form.priority;
  if (form.assignee === 'none') actions.assignee = { kind: 'none' };
  else if (form.assignee === 'me') actions.assignee = { kind: 'me' };
  else if (/^\d+$/.test(form.assignee) && Number(form.assignee) > 0) actions.assignee = { kind: 'agent', agentId: Number(form.assignee) };
  if (form.group === 'none') actions.groupId = null;
  else if (/^\d+$/.test(form.group) && Number(form.group) > 0) actions.groupId = Number(form.group);
  const add = parseTags(form.addTags);
  const remove = parseTags(form.removeTags);
  if (add.length > 0) actions.addTags = add;
  if (remove.length > 0) actions.removeTags = remove;
  if (form.setTags && form.setTags.length > 0) actions.setTags = [...form.setTags];
  return actions;
}

/** What `macros:save` takes. */
export function formToInput(form: MacroForm): MacroInput {
  const input: MacroInput = { title: form.title.trim(), body: form.body, bodyPublic: form.bodyPublic, actions: formActions(form) };
  if (form.id !== null) input.id = form.id;
  return input;
}

/** True when the form says something other than the saved macro (or, for a new one, anything at all). */
export function isFormDirty(form: MacroForm, saved: MacroForm | null): boolean {
  const base = saved ?? emptyForm();
  const a = formToInput(form);
  const b = formToInput(base);
  return a.title !== b.title || a.body !== b.body || a.bodyPublic !== b.bodyPublic || JSON.stringify(a.actions) !== JSON.stringify(b.actions);
}

export const MAX_TAGS = 20;
const TAG_MAX_LENGTH = 80;

export type SaveBlocker =
  | { kind: 'title-missing' }
  | { kind: 'template'; count: number }
  | { kind: 'empty' }
  | { kind: 'tags-both'; tags: string[] }
  | { kind: 'too-many-tags' }
  | { kind: 'tag-too-long'; tag: string };

export interface FormCheck {
  problems: TemplateProblem[];
  /** Why Save is refused, first reason first (empty: it may be saved). */
  blockers: SaveBlocker[];
}

/** Checks the form as the agent types: the template's problems (with positions) and anything else that stops a save. */
export function checkForm(form: MacroForm): FormCheck {
  const { problems } = parseTemplate(form.body);
  const blockers: SaveBlocker[] = [];
  if (problems.length > 0) blockers.push({ kind: 'template', count: problems.length });
  if (form.title.trim() === '') blockers.push({ kind: 'title-missing' });
  const actions = formActions(form);
  if (form.body.trim() === '' && Object.keys(actions).length === 0) blockers.push({ kind: 'empty' });
  const add = actions.addTags ?? [];
  const remove = new Set(actions.removeTags ?? []);
  const both = add.filter((tag) => remove.has(tag));
  if (both.length > 0) blockers.push({ kind: 'tags-both', tags: both });
  if (add.length > MAX_TAGS || remove.size > MAX_TAGS) blockers.push({ kind: 'too-many-tags' });
  const long = [...form.addTags.split(/[\s,]+/), ...form.removeTags.split(/[\s,]+/)].find((tag) => tag.trim().length > TAG_MAX_LENGTH);
  if (long) blockers.push({ kind: 'tag-too-long', tag: `${long.slice(0, 24)}…` });
  return { problems, blockers };
}

/** Puts `{{name}}` where the cursor is (replacing a selection); returns the new text and where the cursor goes. */
export function insertPlaceholder(text: string, selectionStart: number, selectionEnd: number, name: string): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  const token = `{{${name}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}

/** The known placeholder closest to an unknown name ("did you mean"), if one is close enough. */
export function closestPlaceholder(name: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of MACRO_PLACEHOLDERS) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Close: a typo, or the same last word under another prefix ("user.first_name").
  const tail = (value: string) => value.split('.').pop() ?? value;
  if (best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 4))) return best;
  const sameTail = MACRO_PLACEHOLDERS.find((candidate) => tail(candidate) === tail(name.toLowerCase()));
  return sameTail ?? null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** A piece of the rendered preview: plain text, or a placeholder's value (how it was filled). */
export type PreviewSegment = { kind: 'text'; text: string } | { kind: 'value' | 'fallback' | 'missing' | 'unknown'; text: string; name: string };

/** Cuts the rendered text at the placeholders' spans, so each value can be marked. */
export function previewSegments(rendered: RenderedTemplate): PreviewSegment[] {
  const segments: PreviewSegment[] = [];
  let at = 0;
  for (const span of [...rendered.spans].sort((x, y) => x.start - y.start)) {
    if (span.start > at) segments.push({ kind: 'text', text: rendered.text.slice(at, span.start) });
    segments.push({ kind: span.value, text: rendered.text.slice(span.start, span.end), name: span.name });
    at = Math.max(at, span.end);
  }
  if (at < rendered.text.length) segments.push({ kind: 'text', text: rendered.text.slice(at) });
  return segments;
}

/** Renders the form's text for a preview. */
export function renderPreview(body: string, context: MacroContext): { rendered: RenderedTemplate; segments: PreviewSegment[] } {
  const rendered = renderTemplate(body, context);
  return { rendered, segments: previewSegments(rendered) };
}

/** Macros as the list shows them: personal first, then shared; each group by title; filtered by title or text. */
export function listMacros(macros: readonly MacroView[], filter: string): { personal: MacroView[]; shared: MacroView[] } {
  const needle = filter.trim().toLowerCase();
  const matches = (m: MacroView) => needle === '' || m.title.toLowerCase().includes(needle) || m.body.toLowerCase().includes(needle);
  const byTitle = (a: MacroView, b: MacroView) => a.title.localeCompare(b.title) || a.id - b.id;
  const shown = macros.filter(matches);
  return { personal: shown.filter((m) => m.source === 'personal').sort(byTitle), shared: shown.filter((m) => m.source === 'shared').sort(byTitle) };
}
