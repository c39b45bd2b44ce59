import { Braces, ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MACRO_PLACEHOLDERS, type MacroPlaceholder } from '../../../../src-shared/domain/macro-template';

type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? Underscored<`${A}_${B}`> : S;

/** What a placeholder stands for, as an i18n key (keys cannot contain dots). */
export function placeholderHelpKey(name: MacroPlaceholder) {
  return `macroEditor.placeholderHelp.${name.replace(/\./g, '_') as Underscored<MacroPlaceholder>}` as const;
}

/**
 * "Insert placeholder": a menu button listing every placeholder with what it stands for. Arrow keys
 * move, Enter inserts, Escape closes the menu (not the dialog) and returns to the button.
 */
export function PlaceholderMenu({ onInsert, disabled }: { onInsert: (name: MacroPlaceholder) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const buttonId = useId();

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'Escape':
        // Closes the menu only: the dialog's own Escape must not fire.
        event.preventDefault();
        event.stopPropagation();
        return close(true);
      case 'Tab':
        return setOpen(false);
    }
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div className="medit-placeholder-menu">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="button small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onButtonKeyDown}
      >
        <Braces size={13} aria-hidden="true" />
        {t('macroEditor.insertPlaceholder')}
        <ChevronDown size={13} aria-hidden="true" />
      </button>
      {open ? (
        <ul ref={menuRef} id={menuId} role="menu" aria-labelledby={buttonId} className="medit-placeholder-menu-list" onKeyDown={onMenuKeyDown}>
          {MACRO_PLACEHOLDERS.map((name) => (
            <li key={name} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="medit-placeholder-menu-item"
                onClick={() => {
                  setOpen(false);
                  onInsert(name);
                }}
              >
                <code className="medit-placeholder-token">{`{{${name}}}`}</code>
                <span className="medit-placeholder-help">{t(placeholderHelpKey(name))}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
