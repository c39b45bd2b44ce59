import { Lock, Plus, Search } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MacroView } from '../../../../src-shared/contract/macros';
import { formFromMacro, isFormDirty, listMacros, type MacroForm } from './macro-form';
import { selectMacro, setMacroFilter, useMacroManager, type MacroSelection } from './macro-manager-store';

interface Props {
  macros: readonly MacroView[];
  selected: MacroSelection | null;
  onNew: () => void;
  newButtonRef: RefObject<HTMLButtonElement | null>;
}

/** Personal macros (editable) and shared ones (read-only), filtered by title or text, with their use counts. */
export function MacroList({ macros, selected, onNew, newButtonRef }: Props) {
  const { t } = useTranslation();
  const filter = useMacroManager((s) => s.filter);
  const drafts = useMacroManager((s) => s.drafts);
  const filterId = useId();
  const personalId = useId();
  const sharedId = useId();
  const { personal, shared } = listMacros(macros, filter);
  const newDraft = drafts.new;
  const scrollRef = useRef<HTMLDivElement>(null);

  // The selected macro is kept in view (a new copy or a saved new macro lands elsewhere in the list).
  useEffect(() => {
    scrollRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // Arrow keys move between macros (Tab still goes through them one by one).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[data-testid="macro-item"]')];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  return (
    <div className="medit-list-column">
      <div className="medit-list-tools">
        <button ref={newButtonRef} type="button" className="button primary medit-new" onClick={onNew}>
          <Plus size={15} aria-hidden="true" />
          {t('macroEditor.newMacro')}
        </button>
        <div className="medit-filter">
          <Search size={14} aria-hidden="true" />
          <label htmlFor={filterId} className="visually-hidden">
            {t('macroEditor.filter')}
          </label>
          <input id={filterId} type="search" value={filter} placeholder={t('macroEditor.filterPlaceholder')} onChange={(e) => setMacroFilter(e.target.value)} />
        </div>
      </div>
      <div ref={scrollRef} className="medit-list-scroll" onKeyDown={onKeyDown}>
        <h3 id={personalId} className="medit-list-heading">
          {t('macroEditor.personal')}
        </h3>
        <ul className="medit-list" aria-labelledby={personalId}>
          {newDraft ? (
            <li>
              <MacroItem title={newDraft.title.trim() || t('macroEditor.untitled')} detail={t('macroEditor.unsaved')} dirty selected={selected === 'new'} onSelect={() => selectMacro('new')} source="personal" />
            </li>
          ) : null}
          {personal.map((macro) => (
            <li key={macro.id}>
              <MacroItem macro={macro} draft={drafts[String(macro.id)]} selected={selected === macro.id} onSelect={() => selectMacro(macro.id)} source="personal" />
            </li>
          ))}
        </ul>
        {personal.length === 0 && !newDraft ? <p className="medit-list-empty">{filter.trim() ? t('macroEditor.noMatch') : t('macroEditor.noPersonal')}</p> : null}

        <h3 id={sharedId} className="medit-list-heading">
          {t('macroEditor.shared')}
        </h3>
        <ul className="medit-list" aria-labelledby={sharedId}>
          {shared.map((macro) => (
            <li key={macro.id}>
              <MacroItem macro={macro} selected={selected === macro.id} onSelect={() => selectMacro(macro.id)} source="shared" />
            </li>
          ))}
        </ul>
        {shared.length === 0 ? <p className="medit-list-empty">{filter.trim() ? t('macroEditor.noMatch') : t('macroEditor.noShared')}</p> : null}
      </div>
    </div>
  );
}

type ItemProps = { selected: boolean; onSelect: () => void; source: 'personal' | 'shared' } & (
  | { macro: MacroView; draft?: MacroForm; title?: never; detail?: never; dirty?: never }
  | { macro?: never; draft?: never; title: string; detail: string; dirty: boolean }
);

function MacroItem(props: ItemProps) {
  const { t } = useTranslation();
  const { macro, selected, onSelect, source } = props;
  const dirty = macro ? props.draft !== undefined && isFormDirty(props.draft, formFromMacro(macro)) : props.dirty;
  const title = macro ? (props.draft?.title.trim() || macro.title) : props.title;
  const usage = macro ? (macro.usageCount > 0 ? t('macroEditor.used', { count: macro.usageCount }) : t('macroEditor.neverUsed')) : props.detail;
  return (
    <button
      type="button"
      className={`medit-item${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-testid="macro-item"
      data-macro-id={macro ? macro.id : 'new'}
      data-source={source}
      data-dirty={dirty ? 'true' : undefined}
      onClick={onSelect}
    >
      <span className="medit-item-title">
        {source === 'shared' ? <Lock size={12} aria-hidden="true" className="medit-item-lock" /> : null}
        <span className="medit-item-text" title={title}>
          {title}
        </span>
        {dirty ? <span className="medit-item-dirty" title={t('macroEditor.unsaved')} aria-label={t('macroEditor.unsaved')} role="img" /> : null}
      </span>
      <span className="medit-item-meta" data-testid="macro-usage">
        {usage}
      </span>
    </button>
  );
}
