import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Lock, Sparkles, Users, User } from 'lucide-react';
import { useLayoutEffect, useMemo, useRef, useState, useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MacroView } from '../../../src-shared/contract/macros';
import { caseDetailQuery, macroSuggestionsQuery, macrosQuery, useMacroApplyBulk } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { insertLiteral } from '../composer';
import { applyMacroToCase } from './apply-macro';
import { openMacroManager } from './editor/macro-manager-store';
import { createMacroIndex, rankMacros } from './macro-search';
import { closeMacroPalette, useMacroPalette, type PaletteState } from './palette-store';
import { PalettePreview } from './PalettePreview';
import './macros.css';

/** The macro palette (Ctrl/Cmd+K, `;` in the composer, "Apply macro…" in bulk): mounted once by the app. */
export function MacroPalette() {
  const open = useMacroPalette((s) => s.open);
  return open ? <Palette state={open} /> : null;
}

function Palette({ state }: { state: PaletteState }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { target } = state;
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const previewId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(state.highlightId);
  const [ask, setAsk] = useState<MacroView | null>(null);
  const [busy, setBusy] = useState(false);
  const bulk = useMacroApplyBulk();

  const caseId = target.kind === 'case' ? target.caseId : null;
  const macros = useQuery(macrosQuery());
  const detail = useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null }).data ?? null;
  const suggestions = useQuery({ ...macroSuggestionsQuery(caseId ?? 0), enabled: caseId !== null }).data ?? [];
  // A case takes its own account's shared macros and my personal ones.
  const usable = useMemo(() => (macros.data ?? []).filter((m) => detail === null || m.accountId === null || m.accountId === detail.accountId), [macros.data, detail]);
  const index = useMemo(() => createMacroIndex(usable), [usable]);
  const ranked = useMemo(() => rankMacros(usable, query, suggestions, index), [usable, query, suggestions, index]);
  // The highlighted macro: the one chosen, while it is in the list; else the top result.
  const current = ranked.find((r) => r.macro.id === active) ?? ranked[0] ?? null;

  useLayoutEffect(() => inputRef.current?.focus(), []);
  useLayoutEffect(() => {
    if (current) document.getElementById(`${listId}-${current.macro.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, listId]);

  const close = () => {
    // `;` typed and nothing chosen: it was a semicolon after all.
    if (target.kind === 'case' && target.fromSemicolon && query === '') insertLiteral(target.caseId, ';');
    closeMacroPalette();
  };

  const apply = async (macro: MacroView, choice?: 'keep' | 'switch') => {
    if (busy) return;
    if (target.kind === 'case') {
      setBusy(true);
      try {
        const result = await applyMacroToCase(client, macro, target.caseId, choice);
        if (result === 'ask') setAsk(macro);
        else closeMacroPalette();
      } finally {
        setBusy(false);
      }
    } else if (target.kind === 'bulk') {
      bulk.mutate(
        { macroId: macro.id, caseIds: target.caseIds },
        {
          onSuccess: (result) => {
            target.onQueued?.(result.actions.length, result.refused ?? []);
            closeMacroPalette();
          },
        },
      );
    }
  };

  const move = (delta: number) => {
    if (ranked.length === 0) return;
    const at = current ? ranked.indexOf(current) : -1;
    const next = ranked[(at + delta + ranked.length) % ranked.length]!;
    setActive(next.macro.id);
    setAsk(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Home' && event.ctrlKey) {
      event.preventDefault();
      if (ranked[0]) setActive(ranked[0].macro.id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current && target.kind !== 'none' && !ask) void apply(current.macro);
    }
  };

  const title = target.kind === 'bulk' ? `${t('macroApply.title')} · ${t('macroApply.bulkTitle', { count: target.caseIds.length })}` : t('macroApply.title');
  const optionId = (id: number) => `${listId}-${id}`;

  return (
    <Dialog title={title} onClose={close} className="macro-palette">
      <div className="macro-palette-body" data-testid="macro-palette" data-mode={target.kind}>
        <div className="macro-palette-left">
          <input
            ref={inputRef}
            className="macro-search"
            type="text"
            role="combobox"
            aria-label={t('macroApply.search')}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current ? optionId(current.macro.id) : undefined}
            placeholder={t('macroApply.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(null);
              setAsk(null);
            }}
            onKeyDown={onKeyDown}
            spellCheck={false}
            autoComplete="off"
          />
          <ul className="macro-list" role="listbox" id={listId} aria-label={t('macroApply.list')}>
            {ranked.map(({ macro, suggested }) => (
              <li
                key={macro.id}
                id={optionId(macro.id)}
                role="option"
                aria-selected={macro.id === current?.macro.id}
                className="macro-option"
                data-macro-id={macro.id}
                data-suggested={suggested ? 'true' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (macro.id === current?.macro.id && target.kind !== 'none') void apply(macro);
                  else setActive(macro.id);
                }}
              >
                <span className="macro-option-title">{macro.title}</span>
                <span className="macro-option-meta">
                  {suggested ? (
                    <span className="macro-badge is-suggested">
                      <Sparkles size={11} aria-hidden="true" />
                      {t('macroApply.suggested')}
                    </span>
                  ) : null}
                  {!macro.bodyPublic && macro.body !== '' ? <Lock size={11} aria-label={t('macroApply.diff.note')} /> : null}
                  {macro.source === 'shared' ? <Users size={11} aria-label={t('macroApply.shared')} /> : <User size={11} aria-label={t('macroApply.personal')} />}
                </span>
                <span className="macro-option-text">{macro.body.slice(0, 140)}</span>
              </li>
            ))}
          </ul>
          {macros.isPending ? <p className="macro-empty muted">{t('macroApply.loading')}</p> : null}
          {macros.isSuccess && usable.length === 0 ? <p className="macro-empty muted">{t('macroApply.none')}</p> : null}
          {macros.isSuccess && usable.length > 0 && ranked.length === 0 ? <p className="macro-empty muted">{t('macroApply.noMatch', { query })}</p> : null}
        </div>
        <div className="macro-palette-right">
          {target.kind === 'none' ? <p className="macro-no-target" role="note">{t('macroApply.noTarget')}</p> : null}
          {ask && target.kind === 'case' ? (
            <div className="macro-ask" role="alert">
              <p>{ask.bodyPublic ? t('macroApply.askNoteDraft') : t('macroApply.askReplyDraft')}</p>
              <div className="macro-ask-buttons">
                <button type="button" className="button" autoFocus onClick={() => void apply(ask, 'keep')}>
                  {ask.bodyPublic ? t('macroApply.keepNote') : t('macroApply.keepReply')}
                </button>
                <button type="button" className="button primary" onClick={() => void apply(ask, 'switch')}>
                  {ask.bodyPublic ? t('macroApply.switchToReply') : t('macroApply.switchToNote')}
                </button>
              </div>
            </div>
          ) : null}
          {current ? <PalettePreview key={current.macro.id} macro={current.macro} target={target} id={previewId} /> : null}
          {bulk.error ? (
            <p className="macro-missing-note" role="alert">
              {t('macroApply.bulkFailed', { message: bulk.error.message })}
            </p>
          ) : null}
        </div>
      </div>
      <footer className="macro-palette-footer">
        <span className="muted">{t('macroApply.hint')}</span>
        <button
          type="button"
          className="button small ghost macro-manage"
          onClick={() => {
            closeMacroPalette();
            openMacroManager(current ? { macroId: current.macro.id } : {});
          }}
        >
          {t('macroApply.manage')}
        </button>
        <button type="button" className="button primary small" disabled={!current || target.kind === 'none' || busy || bulk.isPending || ask !== null} onClick={() => current && void apply(current.macro)}>
          {target.kind === 'bulk' ? t('macroApply.bulkTitle', { count: target.caseIds.length }) : t('macroApply.apply')}
        </button>
      </footer>
    </Dialog>
  );
}
