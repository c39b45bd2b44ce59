import { Trash2, Undo2 } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DirectoryView } from '../../../../src-shared/contract/api';
import type { MacroView } from '../../../../src-shared/contract/macros';
import { assignableAgents } from '../../../../src-shared/domain/assignees';
import type { CasePriority, CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { MacroPlaceholder, TemplateProblem } from '../../../../src-shared/domain/macro-template';
import { useDeleteMacro, useSaveMacro } from '../../../api';
import { PriorityOptions, StatusOptions } from '../../../ui/case-field-options';
import { readableError } from '../../../ui/readable-error';
import { checkForm, closestPlaceholder, formFromMacro, formToInput, insertPlaceholder, isFormDirty, type MacroForm, type SaveBlocker } from './macro-form';
import { clearDraft, selectMacro, setDraft, setMacroNotice, useMacroManager, type MacroSelection } from './macro-manager-store';
import { PlaceholderMenu } from './PlaceholderMenu';

interface Props {
  selection: MacroSelection;
  /** The saved macro being edited; null for a new one. */
  saved: MacroView | null;
  form: MacroForm;
  directory: DirectoryView | undefined;
  titleRef: RefObject<HTMLInputElement | null>;
  /** Where focus goes once the macro is deleted. */
  onDeleted: () => void;
  onSaved: (view: MacroView, wasNew: boolean) => void;
}

/** A personal macro's fields, checked as the agent types; Save is refused (and says why) while anything is wrong. */
export function MacroEditorForm({ selection, saved, form, directory, titleRef, onDeleted, onSaved }: Props) {
  const { t } = useTranslation();
  const save = useSaveMacro();
  const remove = useDeleteMacro();
  const notice = useMacroManager((s) => s.notice);
  const [confirming, setConfirming] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), text: useId(), hint: useId(), problems: useId(), reason: useId(), sendAs: useId(), status: useId(), priority: useId(), assignee: useId(), group: useId(), add: useId(), remove: useId(), tagsHint: useId() };

  const savedForm = useMemo(() => (saved ? formFromMacro(saved) : null), [saved]);
  const dirty = isFormDirty(form, savedForm);
  const check = useMemo(() => checkForm(form), [form]);
  const blocked = check.blockers.length > 0;

  // Another macro: no confirmation left open from the previous one.
  useEffect(() => setConfirming(false), [selection]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const update = (patch: Partial<MacroForm>) => {
    setDraft(selection, { ...form, ...patch });
    if (notice) setMacroNotice(null);
  };

  const onInsert = (name: MacroPlaceholder) => {
    const area = textRef.current;
    const next = insertPlaceholder(form.body, area?.selectionStart ?? form.body.length, area?.selectionEnd ?? form.body.length, name);
    update({ body: next.text });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const selectProblem = (problem: TemplateProblem) => {
    const area = textRef.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(problem.start, problem.end);
  };

  const onSubmit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (blocked || save.isPending || (!dirty && saved !== null)) return;
    setMacroNotice(null);
    try {
      const view = await save.mutateAsync(formToInput(form));
      clearDraft(selection);
      onSaved(view, saved === null);
      setMacroNotice({ kind: 'ok', text: t('macroEditor.saved') });
    } catch (error) {
      setMacroNotice({ kind: 'error', text: t('macroEditor.notSaved', { message: readableError((error as Error).message) }) });
    }
  };

  const onDelete = async () => {
    if (!saved) return;
    try {
      await remove.mutateAsync(saved.id);
      clearDraft(saved.id);
      selectMacro(null);
      setMacroNotice({ kind: 'ok', text: t('macroEditor.deleted', { title: saved.title }) });
      onDeleted();
    } catch (error) {
      setConfirming(false);
      setMacroNotice({ kind: 'error', text: t('macroEditor.deleteFailed', { message: readableError((error as Error).message) }) });
    }
  };

  const revert = () => {
    clearDraft(selection);
    setMacroNotice(null);
    if (saved === null) selectMacro(null);
  };

  // Ctrl/Cmd+S saves from anywhere in the form.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void onSubmit();
    }
  };

  const allAgents = directory?.agents ?? [];
  const currentAgent = /^\d+$/.test(form.assignee) ? Number(form.assignee) : null;
  const agents = assignableAgents(allAgents, currentAgent);
  const accounts = new Set(agents.map((a) => a.accountId));
  const groups = directory?.groups ?? [];
  const problemsShown = check.problems.length > 0;

  return (
    <form className="medit-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate aria-label={saved ? t('macroEditor.editHeading') : t('macroEditor.newHeading')}>
      <div className="medit-field">
        <label htmlFor={ids.title}>{t('macroEditor.titleLabel')}</label>
        <input
          ref={titleRef}
          id={ids.title}
          type="text"
          value={form.title}
          maxLength={200}
          autoComplete="off"
          aria-invalid={form.title.trim() === '' && dirty ? true : undefined}
          onChange={(e) => update({ title: e.target.value })}
        />
      </div>

      <div className="medit-field">
        <div className="medit-field-label-row">
          <label htmlFor={ids.text}>{t('macroEditor.textLabel')}</label>
          <PlaceholderMenu onInsert={onInsert} />
        </div>
        <textarea
          ref={textRef}
          id={ids.text}
          className="medit-text"
          rows={8}
          value={form.body}
          maxLength={20_000}
          placeholder={t('macroEditor.textPlaceholder')}
          spellCheck
          aria-invalid={problemsShown ? true : undefined}
          aria-describedby={problemsShown ? `${ids.problems} ${ids.hint}` : ids.hint}
          onChange={(e) => update({ body: e.target.value })}
        />
        <p id={ids.hint} className="medit-hint">
          {t('macroEditor.fallbackHint')} <code>{`{{customer.first_name | "${t('macroEditor.fallbackExample')}"}}`}</code>
        </p>
        {problemsShown ? (
          <ul id={ids.problems} className="medit-problems" aria-label={t('macroEditor.problemsLabel')} data-testid="macro-template-problems">
            {check.problems.map((problem) => (
              <li key={`${problem.start}-${problem.source}`} data-testid="macro-template-problem" data-kind={problem.kind}>
                <span>{problemText(problem, t)}</span>
                <button type="button" className="link-button" aria-label={t('macroEditor.showProblemLabel', { source: problem.source })} onClick={() => selectProblem(problem)}>
                  {t('macroEditor.showProblem')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <fieldset className="medit-send-as">
        <legend id={ids.sendAs}>{t('macroEditor.sendAs')}</legend>
        <label className={`medit-choice${form.bodyPublic ? ' is-checked' : ''}`}>
          <input type="radio" name={`${ids.sendAs}-kind`} checked={form.bodyPublic} onChange={() => update({ bodyPublic: true })} />
          {t('macroEditor.reply')}
        </label>
        <label className={`medit-choice is-note${form.bodyPublic ? '' : ' is-checked'}`}>
          <input type="radio" name={`${ids.sendAs}-kind`} checked={!form.bodyPublic} onChange={() => update({ bodyPublic: false })} />
          {t('macroEditor.note')}
        </label>
      </fieldset>

      <fieldset className="medit-actions">
        <legend>{t('macroEditor.actions')}</legend>
        <div className="medit-actions-grid">
          <div className="medit-action">
            <label htmlFor={ids.status}>{t('macroEditor.status')}</label>
            <select id={ids.status} value={form.status} onChange={(e) => update({ status: e.target.value as '' | CaseStatus })}>
              <option value="">{t('macroEditor.noChange')}</option>
              <StatusOptions />
            </select>
          </div>
          <div className="medit-action">
            <label htmlFor={ids.priority}>{t('macroEditor.priority')}</label>
            <select id={ids.priority} value={form.priority} onChange={(e) => update({ priority: e.target.value as '' | 'none' | CasePriority })}>
              <option value="">{t('macroEditor.noChange')}</option>
              <PriorityOptions noneValue="none" />
            </select>
          </div>
          <div className="medit-action">
            <label htmlFor={ids.assignee}>{t('macroEditor.assignee')}</label>
            <select id={ids.assignee} value={form.assignee} onChange={(e) => update({ assignee: e.target.value })}>
              <option value="">{t('macroEditor.noChange')}</option>
              <option value="me">{t('macroEditor.me')}</option>
              <option value="none">{t('macroEditor.nobody')}</option>
              {agents.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.active ? a.name : t('caseEdit.inactive', { name: a.name })}
                  {accounts.size > 1 ? ` · #${a.accountId}` : ''}
                </option>
              ))}
              {currentAgent !== null && !agents.some((a) => a.id === currentAgent) ? <option value={form.assignee}>{t('macroEditor.unknownAgent', { id: currentAgent })}</option> : null}
            </select>
          </div>
          <div className="medit-action">
            <label htmlFor={ids.group}>{t('macroEditor.group')}</label>
            <select id={ids.group} value={form.group} onChange={(e) => update({ group: e.target.value })}>
              <option value="">{t('macroEditor.noChange')}</option>
              <option value="none">{t('caseEdit.noGroup')}</option>
              {groups.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.name}
                </option>
              ))}
              {/^\d+$/.test(form.group) && !groups.some((g) => String(g.id) === form.group) ? <option value={form.group}>{t('macroEditor.unknownGroup', { id: form.group })}</option> : null}
            </select>
          </div>
          <div className="medit-action">
            <label htmlFor={ids.add}>{t('macroEditor.addTags')}</label>
            <input id={ids.add} type="text" value={form.addTags} autoComplete="off" spellCheck={false} placeholder={t('macroEditor.tagsPlaceholder')} onChange={(e) => update({ addTags: e.target.value })} />
          </div>
          <div className="medit-action">
            <label htmlFor={ids.remove}>{t('macroEditor.removeTags')}</label>
            <input id={ids.remove} type="text" value={form.removeTags} autoComplete="off" spellCheck={false} placeholder={t('macroEditor.tagsPlaceholder')} onChange={(e) => update({ removeTags: e.target.value })} />
          </div>
        </div>
        {form.setTags ? (
          <p className="medit-set-tags">
            {t('macroEditor.setTags', { tags: form.setTags.join(', ') })}{' '}
            <button type="button" className="link-button" onClick={() => update({ setTags: null })}>
              {t('macroEditor.clearSetTags')}
            </button>
          </p>
        ) : null}
      </fieldset>

      {notice ? (
        <p className={`medit-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="macro-notice">
          {notice.text}
        </p>
      ) : null}

      {confirming && saved ? (
        <div
          className="medit-confirm"
          role="alertdialog"
          aria-label={t('macroEditor.confirmDeleteAction')}
          aria-describedby={`${ids.reason}-confirm`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Leaves the confirmation, not the dialog.
              e.preventDefault();
              e.stopPropagation();
              setConfirming(false);
              requestAnimationFrame(() => deleteRef.current?.focus());
            }
          }}
        >
          <p id={`${ids.reason}-confirm`}>{t('macroEditor.confirmDelete', { title: saved.title })}</p>
          <div className="medit-confirm-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('macroEditor.cancel')}
            </button>
            <button ref={confirmRef} type="button" className="button danger" disabled={remove.isPending} onClick={() => void onDelete()}>
              <Trash2 size={14} aria-hidden="true" />
              {t('macroEditor.confirmDeleteAction')}
            </button>
          </div>
        </div>
      ) : null}

      <div className="medit-form-footer">
        {blocked ? (
          <p id={ids.reason} className="medit-blocked" data-testid="macro-save-blocked">
            {check.blockers.map((blocker) => blockerText(blocker, t)).join(' ')}
          </p>
        ) : (
          <span className="medit-footer-spacer" />
        )}
        <div className="medit-form-buttons">
          {saved ? (
            <button ref={deleteRef} type="button" className="button danger-outline" onClick={() => setConfirming(true)} disabled={confirming}>
              <Trash2 size={14} aria-hidden="true" />
              {t('macroEditor.delete')}
            </button>
          ) : null}
          {dirty ? (
            <button type="button" className="button" title={t('macroEditor.revertTitle')} onClick={revert}>
              <Undo2 size={14} aria-hidden="true" />
              {t('macroEditor.revert')}
            </button>
          ) : null}
          <button type="submit" className="button primary" disabled={blocked || save.isPending || (!dirty && saved !== null)} aria-describedby={blocked ? ids.reason : undefined}>
            {save.isPending ? t('macroEditor.saving') : t('macroEditor.save')}
          </button>
        </div>
      </div>
    </form>
  );
}

type T = TFunction;

function problemText(problem: TemplateProblem, t: T): string {
  if (problem.kind === 'unknown-placeholder') {
    const suggestion = closestPlaceholder(problem.name ?? '');
    const text = t('macroEditor.unknownPlaceholder', { source: problem.source });
    if (!suggestion) return text;
    // A plain string: a template literal type containing {{…}} sends i18next's typings too deep.
    const wrapped: string = '{{' + suggestion + '}}';
    return `${text} ${t('macroEditor.didYouMean', { suggestion: wrapped })}`;
  }
  return t('macroEditor.badPlaceholder', { source: problem.source, simple: '{{customer.first_name}}', withFallback: '{{customer.first_name | "…"}}' });
}

function blockerText(blocker: SaveBlocker, t: T): string {
  switch (blocker.kind) {
    case 'template':
      return t('macroEditor.blockedTemplate', { count: blocker.count });
    case 'title-missing':
      return t('macroEditor.blockedTitle');
    case 'empty':
      return t('macroEditor.blockedEmpty');
    case 'tags-both':
      return t('macroEditor.blockedTagsBoth', { tags: blocker.tags.join(', ') });
    case 'too-many-tags':
      return t('macroEditor.blockedTooManyTags');
    case 'tag-too-long':
      return t('macroEditor.blockedTagTooLong', { tag: blocker.tag });
  }
}
