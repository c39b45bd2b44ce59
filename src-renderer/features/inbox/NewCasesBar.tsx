import { ArrowUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/**
 * Over the top of the list while cases wait above the rows in view: "3 new cases", which scrolls
 * up to them. It floats over the rows instead of pushing them down.
 */
export function NewCasesBar({ count, onReveal }: { count: number; onReveal: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="list-new-cases" role="status">
      {count > 0 ? (
        <button type="button" className="list-new-cases-button" data-testid="list-new-cases" data-count={count} title={t('inbox.newCasesHint')} onClick={onReveal}>
          <ArrowUp size={13} aria-hidden="true" />
          {t('inbox.newCases', { count })}
        </button>
      ) : null}
    </div>
  );
}
