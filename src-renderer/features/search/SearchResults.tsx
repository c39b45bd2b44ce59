import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert, UserRound, X } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResults as Results } from '../../../src-shared/contract/models';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { Highlight } from '../../ui/Highlight';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusPill } from '../../ui/StatusPill';
import { openCase } from '../inbox';
import { openCustomerLatestCase } from './open-customer-latest-case';
import { closeResults, useSearch } from './search-store';
import { useSearchResults } from './use-search-results';

/** Results under the search box, grouped Cases / Messages / Customers, matches marked. */
export function SearchResults() {
  const { t } = useTranslation();
  const open = useSearch((s) => s.open);
  const submitted = useSearch((s) => s.submitted);
  const query = useSearchResults(submitted);
  const panelRef = useRef<HTMLElement>(null);

  // Escape anywhere, or a click outside the search area, closes the results.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && document.querySelector('dialog[open]') === null) closeResults();
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !document.querySelector('.search-box')?.contains(target)) closeResults();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  if (!open || submitted === null) return null;
  const results = query.data;
  return (
    <section ref={panelRef} className="search-results" role="region" aria-label={t('search.resultsLabel')} aria-busy={query.isFetching} onKeyDown={moveBetweenResults}>
      <div className="search-results-header">
        <span className="muted small">{query.isFetching && !results ? t('search.searching') : results ? t('search.took', { ms: Math.max(1, Math.round(results.tookMs)) }) : ''}</span>
        <button type="button" className="icon-button small" aria-label={t('search.closeResults')} title={t('search.closeResults')} onClick={closeResults}>
          <X size={14} aria-hidden="true" />
        </button>
      </div>
      {query.isError ? <p role="alert" className="search-error">{t('app.loadError', { message: query.error.message })}</p> : null}
      {results ? <ResultGroups results={results} /> : <p className="muted search-empty">{t('search.searching')}</p>}
    </section>
  );
}

/** Up and Down walk the result buttons; Up from the first goes back to the box. */
function moveBetweenResults(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('.result-button')];
  const index = buttons.indexOf(document.activeElement as HTMLElement);
  if (index === -1) return;
  event.preventDefault();
  const next = index + (event.key === 'ArrowDown' ? 1 : -1);
  if (next < 0) document.getElementById('global-search')?.focus();
  else buttons[Math.min(next, buttons.length - 1)]?.focus();
}

function ResultGroups({ results }: { results: Results }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const words = results.highlights;
  const nothing = results.cases.length + results.messages.length + results.customers.length === 0;
  const pick = (caseId: number) => {
    openCase(caseId);
    closeResults();
  };
  return (
    <>
      {results.errors.length > 0 ? (
        <div className="search-parse-errors" role="alert">
          <TriangleAlert size={14} aria-hidden="true" />
          <div>
            <strong>{t('search.parseErrors')}</strong>
            <ul>
              {results.errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {nothing ? <p className="muted search-empty">{t('search.noResults', { query: results.query })}</p> : null}
      <Group title={t('search.cases')} count={results.cases.length}>
        {results.cases.map((c) => (
          <li key={c.id}>
            <button type="button" className="result-button" onClick={() => pick(c.id)}>
              <ChannelIcon channel={c.channel} size={14} />
              <span className="result-main">
                <span className="result-title">
                  <Highlight text={c.subject || t('inbox.noSubject')} words={words} />
                </span>
                <span className="result-sub">
                  <Highlight text={c.customer?.name || t('inbox.unknownCustomer')} words={words} /> · #{c.remoteId}
                </span>
              </span>
              <StatusPill status={c.status} />
            </button>
          </li>
        ))}
      </Group>
      <Group title={t('search.messages')} count={results.messages.length}>
        {results.messages.map((m) => (
          <li key={m.id}>
            <button type="button" className="result-button" onClick={() => pick(m.caseId)}>
              <ChannelIcon channel={m.channel} size={14} />
              <span className="result-main">
                <span className="result-title">
                  <Highlight text={m.caseSubject || t('inbox.noSubject')} words={words} />
                </span>
                <span className="result-snippet">
                  {m.author ? <span className="result-author">{m.author.name || t('case.unknownAuthor')}: </span> : null}
                  <Highlight text={m.snippet} words={words} />
                </span>
              </span>
              <RelativeTime at={m.createdAt} className="result-time" />
            </button>
          </li>
        ))}
      </Group>
      <Group title={t('search.customers')} count={results.customers.length}>
        {results.customers.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="result-button"
              onClick={() => {
                closeResults();
                void openCustomerLatestCase(client, c.id);
              }}
            >
              <UserRound size={14} aria-hidden="true" className="result-icon" />
              <span className="result-main">
                <span className="result-title">
                  <Highlight text={c.name || t('inbox.unknownCustomer')} words={words} />
                </span>
                <span className="result-sub">
                  <Highlight text={c.identities.slice(0, 2).map((i) => i.value).join(' · ')} words={words} />
                </span>
              </span>
              <span className="muted small">{t('search.caseCount', { count: c.caseCount })}</span>
            </button>
          </li>
        ))}
      </Group>
    </>
  );
}

function Group({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="result-group">
      <div className="result-group-header">
        <h3 className="result-group-title">{title}</h3>
        <span className="result-count">{count}</span>
      </div>
      {count === 0 ? <p className="muted small result-none">{t('search.none')}</p> : <ul className="result-list">{children}</ul>}
    </div>
  );
}
