import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { clearFilters } from './filters-store';
import { clearSelection, resetListPosition, useSelection } from './selection-store';

/** Above the list: how many cases, how many selected, and a way out of filters. */
export function ListHeader({ total, filtered }: { total: number | undefined; filtered: boolean }) {
  const { t } = useTranslation();
  const selectedCount = useSelection((s) => s.selectedIds.size);
  return (
    <div className="list-header">
      <span className="list-total">
        {/* The contract wants bare digits in inbox-total; the unit stays outside it. */}
        <span data-testid="inbox-total">{total ?? ''}</span>
        {total === undefined ? <span className="skeleton skeleton-inline" aria-hidden="true" /> : null}
        <span className="list-total-unit">{t('inbox.totalUnit', { count: total ?? 0 })}</span>
      </span>
      {selectedCount > 1 ? (
        <span className="selection-indicator" aria-live="polite">
          {t('inbox.selected', { count: selectedCount })}
          <button type="button" className="icon-button small" aria-label={t('inbox.clearSelection')} title={t('inbox.clearSelection')} onClick={clearSelection}>
            <X size={12} aria-hidden="true" />
          </button>
        </span>
      ) : null}
      {filtered ? (
        <button
          type="button"
          className="link-button list-clear-filters"
          onClick={() => {
            clearFilters();
            resetListPosition();
          }}
        >
          {t('filters.clear')}
        </button>
      ) : null}
    </div>
  );
}
