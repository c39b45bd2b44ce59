import { useQuery } from '@tanstack/react-query';
import { UserRoundCheck } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { assignableAgents } from '../../../src-shared/domain/assignees';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import { accountsQuery, directoryQuery } from '../../api';
import { AssigneeOptions, GroupOptions, PriorityOptions, StatusOptions } from '../../ui/case-field-options';
import { CaseField } from './CaseField';
import { pendingFields, pendingTags } from './pending-fields';
import { TagEditor } from './TagEditor';
import { useCaseEdit } from './use-case-edit';

/** The helpdesk's own value of a field that did not map onto ours ("helpdesk: escalated"): small and muted. */
function UnmappedNote({ value, shown }: { value: string | undefined; shown: string }) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <span className="field-unmapped" title={t('case.unmappedTitle', { value, shown })} data-testid="field-unmapped">
      {t('case.unmapped', { value })}
    </span>
  );
}

/** The case's fields, editable: each change is queued in the outbox and shown at once. */
export function CaseFields({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const directory = useQuery(directoryQuery()).data;
  // Mailboxes have no groups: their cases show no Group field.
  const accountKind = useQuery(accountsQuery()).data?.find((a) => a.id === detail.accountId)?.kind;
  const { edit, error } = useCaseEdit(detail.id);
  const pending = useMemo(() => pendingFields(detail.pendingActions), [detail.pendingActions]);
  const tagsPending = useMemo(() => pendingTags(detail.pendingActions), [detail.pendingActions]);

  // Deleted or suspended agents are offered for no new assignment; the current assignee always shows.
  const agents = useMemo(() => {
    const current = detail.assignee;
    const list = assignableAgents((directory?.agents ?? []).filter((a) => a.accountId === detail.accountId), current?.id ?? null);
    return current && !list.some((a) => a.id === current.id) ? [...list, { id: current.id, name: current.name, active: true }] : list;
  }, [directory, detail.accountId, detail.assignee]);
  const groups = useMemo(() => {
    const list = (directory?.groups ?? []).filter((g) => g.accountId === detail.accountId);
    const current = detail.group;
    return current && !list.some((g) => g.id === current.id) ? [...list, { id: current.id, name: current.name }] : list;
  }, [directory, detail.accountId, detail.group]);
  const me = directory?.me ?? [];
  const myId = agents.find((a) => me.includes(a.id))?.id ?? null;

  return (
    <>
      <dl className="case-fields" aria-label={t('case.fields')}>
        <CaseField label={t('case.status')} pending={pending.has('status')} note={<UnmappedNote value={detail.unmapped?.status} shown={t(`status.${detail.status}`)} />}>
          <select
            className={`field-select status-select status-${detail.status}`}
            aria-label={t('caseEdit.status')}
            value={detail.status}
            onChange={(e) => edit({ status: e.target.value as CaseStatus })}
          >
            <StatusOptions />
          </select>
        </CaseField>
        <CaseField
          label={t('case.priority')}
          pending={pending.has('priority')}
          note={<UnmappedNote value={detail.unmapped?.priority} shown={detail.priority ? t(`priority.${detail.priority}`) : t('priority.none')} />}
        >
          <select
            className={`field-select priority-select${detail.priority ? ` priority-${detail.priority}` : ''}`}
            aria-label={t('caseEdit.priority')}
            value={detail.priority ?? ''}
            onChange={(e) => edit({ priority: e.target.value === '' ? null : (e.target.value as CasePriority) })}
          >
            <PriorityOptions noneValue="" />
          </select>
        </CaseField>
        <CaseField label={t('case.assignee')} pending={pending.has('assignee')}>
          <div className="field-with-action">
            <select
              className="field-select"
              aria-label={t('caseEdit.assignee')}
              value={detail.assignee ? String(detail.assignee.id) : ''}
              onChange={(e) => edit({ assigneeId: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <AssigneeOptions agents={agents} />
            </select>
            {/* An icon with its name as label and tooltip: the assignee's name gets the width. */}
            <button
              type="button"
              className="icon-button assign-me"
              aria-label={t('caseEdit.assignToMe')}
              title={t('caseEdit.assignToMe')}
              disabled={myId === null || detail.assignee?.id === myId}
              onClick={() => myId !== null && edit({ assigneeId: myId })}
            >
              <UserRoundCheck size={15} aria-hidden="true" />
            </button>
          </div>
        </CaseField>
        {accountKind === 'email' ? null : (
          <CaseField label={t('case.group')} pending={pending.has('group')}>
            <select
              className="field-select"
              aria-label={t('caseEdit.group')}
              value={detail.group ? String(detail.group.id) : ''}
              onChange={(e) => edit({ groupId: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <GroupOptions groups={groups} />
            </select>
          </CaseField>
        )}
        <CaseField label={t('case.tags')} pending={pending.has('tags')} wide>
          <TagEditor
            tags={detail.tags}
            pendingTags={tagsPending}
            suggestions={directory?.tags ?? []}
            onAdd={(tags) => edit({ addTags: tags })}
            onRemove={(tag) => edit({ removeTags: [tag] })}
          />
        </CaseField>
      </dl>
      {error ? (
        <p className="case-edit-error" role="alert">
          {t('caseEdit.actFailed', { message: error.message })}
        </p>
      ) : null}
    </>
  );
}
