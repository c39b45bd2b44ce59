import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../src-shared/domain/case-fields';

// The <option>s of the case-field pickers (case header, bulk actions, the outbox's edit form), so
// every picker names statuses, priorities, agents and groups the same way.

export function StatusOptions() {
  const { t } = useTranslation();
  return (
    <>
      {CASE_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </>
  );
}

/** Every priority; `noneValue` adds "No priority" first with that value. */
export function PriorityOptions({ noneValue }: { noneValue?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {noneValue !== undefined ? <option value={noneValue}>{t('priority.none')}</option> : null}
      {CASE_PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {t(`priority.${p}`)}
        </option>
      ))}
    </>
  );
}

/** "Unassigned" (value ''), then the agents given; inactive ones (a current assignee) say so. */
export function AssigneeOptions({ agents }: { agents: readonly { id: number; name: string; active: boolean }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('caseEdit.unassigned')}</option>
      {agents.map((a) => (
        <option key={a.id} value={a.id}>
          {a.active ? a.name : t('caseEdit.inactive', { name: a.name })}
        </option>
      ))}
    </>
  );
}

/** "No group" (value ''), then the groups given. */
export function GroupOptions({ groups }: { groups: readonly { id: number; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('caseEdit.noGroup')}</option>
      {groups.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
        </option>
      ))}
    </>
  );
}
