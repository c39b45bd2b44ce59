import { Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { closeResults, reopenResults, runSearch, SEARCH_INPUT_ID, setDraft, useSearch } from './search-store';

/** The global search box: free words plus operators, run with Enter. */
export function SearchBox() {
  const { t } = useTranslation();
  const draft = useSearch((s) => s.draft);
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        runSearch();
      }}
    >
      <Search size={15} aria-hidden="true" className="search-icon" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        role="searchbox"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onFocus={reopenResults}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            closeResults();
          } else if (event.key === 'ArrowDown') {
            const first = document.querySelector<HTMLElement>('.search-results .result-button');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <kbd className="search-kbd" aria-hidden="true">
        /
      </kbd>
    </form>
  );
}
