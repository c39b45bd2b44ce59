import { Search } from 'lucide-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../src-shared/domain/case-fields';
import { CHANNEL_KINDS, type ChannelKind } from '../../../src-shared/domain/channels';
import { INBOX_SORTS, type InboxSort } from '../../../src-shared/domain/views';
import { setFilter, setSort, useFilters, type FilterValues } from './filters-store';
import { FilterSelect } from './FilterSelect';
import { resetListPosition } from './selection-store';
import { useAccounts } from './use-accounts';
import { useDirectory } from './use-directory';

function update<K extends keyof FilterValues>(key: K, value: FilterValues[K]): void {
  setFilter(key, value);
  resetListPosition();
}

/** Narrow the current view: status, channel, priority, assignee, group, tag, account, text; and sort it. */
export function FilterBar() {
  const { t } = useTranslation();
  const values = useFilters((s) => s.values);
  const sort = useFilters((s) => s.sort);
  const directory = useDirectory().data;
  const accounts = useAccounts().data;
  const textId = useId();
  const sortId = useId();
  const any = t('filters.any');

  const options = useMemo(
    () => ({
      status: CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
      channel: CHANNEL_KINDS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
      priority: CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })),
      assignee: [
        { value: 'me', label: t('filters.me') },
        { value: 'none', label: t('filters.unassigned') },
        ...(directory?.agents ?? []).filter((a) => !directory?.me.includes(a.id)).map((a) => ({ value: String(a.id), label: a.name })),
      ],
      group: (directory?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name })),
      tag: (directory?.tags ?? []).map((tag) => ({ value: tag, label: tag })),
      account: (accounts ?? []).map((a) => ({ value: String(a.id), label: a.name })),
    }),
    [t, directory, accounts],
  );

  return (
    <div className="filter-bar" role="toolbar" aria-label={t('filters.label')}>
      <div className="filter-row">
        <div className="filter-text">
          <Search size={14} aria-hidden="true" className="filter-text-icon" />
          <label htmlFor={textId} className="visually-hidden">
            {t('filters.text')}
          </label>
          <input id={textId} type="text" value={values.text} placeholder={t('filters.textPlaceholder')} onChange={(e) => update('text', e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div className="filter-sort">
          <label htmlFor={sortId}>{t('filters.sort')}</label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as InboxSort)}>
            {INBOX_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filter-grid">
        <FilterSelect label={t('filters.status')} anyLabel={any} value={values.status} options={options.status} onChange={(v) => update('status', v as CaseStatus | '')} />
        <FilterSelect label={t('filters.channel')} anyLabel={any} value={values.channel} options={options.channel} onChange={(v) => update('channel', v as ChannelKind | '')} />
        <FilterSelect label={t('filters.priority')} anyLabel={any} value={values.priority} options={options.priority} onChange={(v) => update('priority', v as CasePriority | '')} />
        <FilterSelect
          label={t('filters.assignee')}
          anyLabel={any}
          value={String(values.assignee)}
          options={options.assignee}
          onChange={(v) => update('assignee', v === '' || v === 'me' || v === 'none' ? v : Number(v))}
        />
        <FilterSelect label={t('filters.group')} anyLabel={any} value={String(values.groupId)} options={options.group} onChange={(v) => update('groupId', v === '' ? '' : Number(v))} />
        <FilterSelect label={t('filters.tag')} anyLabel={any} value={values.tag} options={options.tag} onChange={(v) => update('tag', v)} />
        {/* With one account there is nothing to choose; a filter still set (its account removed) stays clearable. */}
        {options.account.length > 1 || values.accountId !== '' ? (
          <FilterSelect label={t('filters.account')} anyLabel={any} value={String(values.accountId)} options={options.account} onChange={(v) => update('accountId', v === '' ? '' : Number(v))} />
        ) : null}
      </div>
    </div>
  );
}
