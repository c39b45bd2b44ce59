import { X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTags } from '../../ui/intent-lines';

interface Props {
  tags: readonly string[];
  pendingTags: ReadonlySet<string>;
  suggestions: readonly string[];
  onAdd: (tags: string[]) => void;
  onRemove: (tag: string) => void;
}

/** The case's tags: × removes one, the box adds (Enter; spaces or commas separate several). */
export function TagEditor({ tags, pendingTags, suggestions, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');

  const add = () => {
    const fresh = parseTags(text).filter((tag) => !tags.includes(tag));
    setText('');
    if (fresh.length > 0) onAdd(fresh);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <div className="tag-editor">
      {tags.map((tag) => {
        const pending = pendingTags.has(tag);
        return (
          <span key={tag} className={`tag tag-chip${pending ? ' is-pending' : ''}`} title={pending ? t('caseEdit.tagPendingTitle', { tag }) : tag}>
            <span className="tag-chip-text">{tag}</span>
            <button type="button" className="tag-remove" aria-label={t('caseEdit.removeTag', { tag })} title={t('caseEdit.removeTag', { tag })} onClick={() => onRemove(tag)}>
              <X size={11} aria-hidden="true" />
            </button>
          </span>
        );
      })}
      <input
        type="text"
        className="tag-input"
        aria-label={t('caseEdit.addTag')}
        placeholder={t('caseEdit.addTagPlaceholder')}
        value={text}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <datalist id={listId}>
        {suggestions
          .filter((tag) => !tags.includes(tag))
          .slice(0, 50)
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
    </div>
  );
}
