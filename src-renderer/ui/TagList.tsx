import { useTranslation } from 'react-i18next';

/** Tags as small chips; with `max`, the rest collapse into "+N". */
export function TagList({ tags, max }: { tags: readonly string[]; max?: number }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  const shown = max === undefined ? tags : tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <span className="tags">
      {shown.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
      {hidden > 0 ? (
        <span className="tag tag-more" title={tags.slice(shown.length).join(', ')}>
          {t('inbox.moreTags', { count: hidden })}
        </span>
      ) : null}
    </span>
  );
}
