import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MacroView } from '../../../../src-shared/contract/macros';
import { directoryQuery, macroKeys, macrosQuery, useSaveMacro } from '../../../api';
import { Dialog } from '../../../ui/Dialog';
import { readableError } from '../../../ui/readable-error';
import { useOpenCaseId } from '../../inbox';
import { MacroEditorForm } from './MacroEditorForm';
import { checkForm, duplicateForm, emptyForm, formActions, formFromMacro, formToInput } from './macro-form';
import { selectMacro, setDraft, setMacroNotice, useMacroManager } from './macro-manager-store';
import { MacroList } from './MacroList';
import { MacroPreview } from './MacroPreview';
import { SharedMacroView } from './SharedMacroView';
import './macro-editor.css';

/** The Macros dialog: the list, the selected macro (editor or read-only view) and its live preview against the open case. */
export function MacroDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const macros = useQuery(macrosQuery());
  const directory = useQuery(directoryQuery()).data;
  const caseId = useOpenCaseId();
  const selected = useMacroManager((s) => s.selected);
  const draft = useMacroManager((s) => (s.selected === null ? undefined : s.drafts[String(s.selected)]));
  const duplicate = useSaveMacro();
  const titleRef = useRef<HTMLInputElement>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const focusTitle = useRef(false);

  const list = macros.data ?? [];
  const saved = typeof selected === 'number' ? (list.find((m) => m.id === selected) ?? null) : null;
  // A selected macro that is gone (deleted elsewhere, or its account removed): nothing selected.
  const missing = typeof selected === 'number' && macros.isSuccess && saved === null && draft === undefined;
  useEffect(() => {
    if (missing) selectMacro(null);
  }, [missing]);

  // Focus the title once a new or duplicated macro is on screen.
  useEffect(() => {
    if (focusTitle.current && titleRef.current) {
      focusTitle.current = false;
      titleRef.current.focus();
    }
  });

  const showList = (view: MacroView) => {
    // Shown at once; the list is refetched too (useSaveMacro invalidates it).
    client.setQueryData<MacroView[]>(macroKeys.list(), (current) => (current ? [...current.filter((m) => m.id !== view.id), view] : current));
  };

  const onNew = () => {
    focusTitle.current = true;
    selectMacro('new');
    // An unsaved new macro is kept: "New macro" goes back to it.
    if (!useMacroManager.getState().drafts.new) setDraft('new', emptyForm());
  };

  const onDuplicate = async (macro: MacroView) => {
    const form = duplicateForm(macro, (title) => t('macroEditor.copyTitle', { title }));
    focusTitle.current = true;
    if (checkForm(form).blockers.length > 0) {
      // Something the agent must fix first (a placeholder we do not know): an unsaved copy.
      setDraft('new', form);
      selectMacro('new');
      setMacroNotice({ kind: 'error', text: t('macroEditor.duplicateNeedsFix') });
      return;
    }
    try {
      const view = await duplicate.mutateAsync(formToInput(form));
      showList(view);
      selectMacro(view.id);
      setMacroNotice({ kind: 'ok', text: t('macroEditor.duplicated') });
    } catch (error) {
      setDraft('new', form);
      selectMacro('new');
      setMacroNotice({ kind: 'error', text: t('macroEditor.notSaved', { message: readableError((error as Error).message) }) });
    }
  };

  const editing = selected === 'new' || (saved !== null && saved.source === 'personal');
  const form = draft ?? (saved ? formFromMacro(saved) : emptyForm());
  const heading = selected === 'new' ? t('macroEditor.newHeading') : saved?.source === 'shared' ? t('macroEditor.sharedHeading') : saved ? t('macroEditor.editHeading') : null;

  return (
    <Dialog title={t('macroEditor.title')} onClose={onClose} className="medit-dialog">
      <MacroList macros={list} selected={selected} onNew={onNew} newButtonRef={newButtonRef} />
      <div className="medit-editor-column">
        {macros.isError ? (
          <div className="medit-load-error" role="alert">
            <p>{t('macroEditor.loadError', { message: readableError(macros.error.message) })}</p>
            <button type="button" className="button small" onClick={() => void macros.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        ) : null}
        {heading ? <h3 className="medit-column-heading">{heading}</h3> : null}
        {editing && selected !== null ? (
          <MacroEditorForm
            selection={selected}
            saved={saved}
            form={form}
            directory={directory}
            titleRef={titleRef}
            onSaved={(view, wasNew) => {
              showList(view);
              if (wasNew) selectMacro(view.id);
            }}
            onDeleted={() => {
              client.setQueryData<MacroView[]>(macroKeys.list(), (current) => current?.filter((m) => m.id !== saved?.id));
              newButtonRef.current?.focus();
            }}
          />
        ) : saved ? (
          <SharedMacroView macro={saved} duplicating={duplicate.isPending} onDuplicate={() => void onDuplicate(saved)} />
        ) : (
          <EmptyEditor loading={macros.isPending} />
        )}
      </div>
      {editing || saved ? (
        <MacroPreview body={form.body} bodyPublic={form.bodyPublic} actions={editing ? formActions(form) : (saved?.actions ?? {})} caseId={caseId} directory={directory} />
      ) : (
        <div className="medit-preview is-empty" aria-hidden="true" />
      )}
    </Dialog>
  );
}

function EmptyEditor({ loading }: { loading: boolean }) {
  const { t } = useTranslation();
  const notice = useMacroManager((s) => s.notice);
  return (
    <div className="medit-empty">
      {notice ? (
        <p className={`medit-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="macro-notice">
          {notice.text}
        </p>
      ) : null}
      <p className="muted">{loading ? t('app.loading') : t('macroEditor.nothingSelected')}</p>
    </div>
  );
}
