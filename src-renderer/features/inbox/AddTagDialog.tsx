import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { parseTags } from '../../ui/intent-lines';

/** Asks for the tag(s) to add to the selected cases. */
export function AddTagDialog({ count, onAdd, onClose }: { count: number; onAdd: (tags: string[]) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  // After showModal() (which focuses the dialog's first button), straight into the box.
  useEffect(() => inputRef.current?.focus(), []);
  const tags = parseTags(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tags.length === 0) return;
    onAdd(tags);
    onClose();
  };
  return (
    <Dialog title={t('bulk.addTagTitle', { count })} onClose={onClose} className="add-tag-dialog">
      <form onSubmit={submit} className="add-tag-form">
        <label htmlFor={id}>{t('bulk.tag')}</label>
        <input ref={inputRef} id={id} type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} maxLength={200} aria-describedby={hintId} />
        <p id={hintId} className="muted small">
          {t('bulk.tagHint')}
        </p>
        <div className="add-tag-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('bulk.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={tags.length === 0}>
            {t('bulk.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
