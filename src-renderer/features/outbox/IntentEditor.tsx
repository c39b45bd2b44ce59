import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxDecisionResult, OutboxItemView } from '../../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import { assignableAgents } from '../../../src-shared/domain/assignees';
import { isEmptyIntent, type CaseIntent } from '../../../src-shared/domain/case-intent';
import { directoryQuery, useOutboxEdit } from '../../api';
import { AssigneeOptions, GroupOptions, PriorityOptions, StatusOptions } from '../../ui/case-field-options';
import { parseTags } from '../../ui/intent-lines';

const KEEP = '__keep';

/** Field values as select values: '' is "none", KEEP leaves the field out of the action. */
function toValue(value: string | number | null | undefined): string {
  return value === undefined ? KEEP : value === null ? '' : String(value);
}

/**
 * "Edit" for a conflicting field change: the fields it sets, changeable (or left out), then
 * queued again against the case as the helpdesk has it now (outbox:edit, with what was shown).
 */
export function IntentEditor({ item, shown, onDone, onCancel }: { item: OutboxItemView; shown: string[]; onDone: (result: OutboxDecisionResult) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const directory = useQuery(directoryQuery()).data;
  const edit = useOutboxEdit();
  const { intent } = item;
  const [status, setStatus] = useState(toValue(intent.status));
  const [priority, setPriority] = useState(toValue(intent.priority));
  const [assignee, setAssignee] = useState(toValue(intent.assigneeId));
  const [group, setGroup] = useState(toValue(intent.groupId));
  const [addTags, setAddTags] = useState((intent.addTags ?? []).join(' '));
  const [removeTags, setRemoveTags] = useState((intent.removeTags ?? []).join(' '));

  const next: CaseIntent = {};
  if (status !== KEEP) next.status = status as CaseStatus;
  if (priority !== KEEP) next.priority = priority === '' ? null : (priority as CasePriority);
  if (assignee !== KEEP) next.assigneeId = assignee === '' ? null : Number(assignee);
  if (group !== KEEP) next.groupId = group === '' ? null : Number(group);
  if (parseTags(addTags).length) next.addTags = parseTags(addTags);
  if (parseTags(removeTags).length) next.removeTags = parseTags(removeTags);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEmptyIntent(next)) edit.mutate({ id: item.id, intent: next, shown }, { onSuccess: onDone });
  };
  const keep = <option value={KEEP}>{t('conflict.keep')}</option>;
  // Active agents only, plus the one this action assigns (it may have been deactivated since).
  const agents = assignableAgents(directory?.agents ?? [], intent.assigneeId ?? null);

  return (
    <form className="intent-editor" onSubmit={submit}>
      <h3>{t('conflict.editTitle')}</h3>
      <div className="intent-editor-grid">
        {intent.status !== undefined ? (
          <Labelled label={t('case.status')}>
            {(id) => (
              <select id={id} value={status} onChange={(e) => setStatus(e.target.value)}>
                {keep}
                <StatusOptions />
              </select>
            )}
          </Labelled>
        ) : null}
        {intent.priority !== undefined ? (
          <Labelled label={t('case.priority')}>
            {(id) => (
              <select id={id} value={priority} onChange={(e) => setPriority(e.target.value)}>
                {keep}
                <PriorityOptions noneValue="" />
              </select>
            )}
          </Labelled>
        ) : null}
        {intent.assigneeId !== undefined ? (
          <Labelled label={t('case.assignee')}>
            {(id) => (
              <select id={id} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                {keep}
                <AssigneeOptions agents={agents} />
              </select>
            )}
          </Labelled>
        ) : null}
        {intent.groupId !== undefined ? (
          <Labelled label={t('case.group')}>
            {(id) => (
              <select id={id} value={group} onChange={(e) => setGroup(e.target.value)}>
                {keep}
                <GroupOptions groups={directory?.groups ?? []} />
              </select>
            )}
          </Labelled>
        ) : null}
        {intent.addTags?.length || intent.removeTags?.length ? (
          <>
            <Labelled label={t('conflict.addTags')}>{(id) => <input id={id} type="text" value={addTags} onChange={(e) => setAddTags(e.target.value)} spellCheck={false} />}</Labelled>
            <Labelled label={t('conflict.removeTags')}>{(id) => <input id={id} type="text" value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} spellCheck={false} />}</Labelled>
          </>
        ) : null}
      </div>
      {edit.error ? (
        <p className="conflict-error" role="alert">
          {t('conflict.failed', { message: edit.error.message })}
        </p>
      ) : null}
      <div className="intent-editor-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('conflict.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={edit.isPending || isEmptyIntent(next)}>
          {t('conflict.requeue')}
        </button>
      </div>
    </form>
  );
}

function Labelled({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="intent-editor-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
