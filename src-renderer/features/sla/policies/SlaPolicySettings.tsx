import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyView, SlaTarget } from '../../../../src-shared/contract/sla';
import { CHANNEL_KINDS, type ChannelKind } from '../../../../src-shared/domain/channels';
import { slaPoliciesQuery, useDeleteSlaPolicy, useSaveSlaPolicy } from '../../../api';
import { readableError } from '../../../ui/readable-error';
import { draftOf, draftProblem, emptyPriority, inputOf, newDraft, parseMinutes, PRIORITY_KEYS, TARGETS, type PolicyDraft, type PriorityKey } from './policy-form-logic';
import './sla-policies.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;
type Selection = number | 'new' | null;

/** Settings → SLA policies: the synced and local policies, and a form for the selected one (docs/sla.md § Editing policies). */
export function SlaPolicySettings() {
  const { t } = useTranslation();
  const headingId = useId();
  const policies = useQuery(slaPoliciesQuery());
  const [selected, setSelected] = useState<Selection>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const list = [...(policies.data ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  const current = selected === 'new' ? null : (list.find((p) => p.id === selected) ?? (selected === null ? (list[0] ?? null) : null));
  const nextPosition = list.reduce((max, p) => Math.max(max, p.position), 0) + 1;
  const select = (next: Selection) => {
    setNotice(null);
    setSelected(next);
  };
  return (
    <section className="settings-section sla-policies" role="region" aria-labelledby={headingId} data-testid="sla-policy-settings">
      <h3 id={headingId}>{t('slaPolicies.heading')}</h3>
      <p className="sla-policies-intro">{t('slaPolicies.intro')}</p>
      {policies.isError ? (
        <p role="alert" className="form-result is-error">
          {t('app.loadError', { message: policies.error.message })}
        </p>
      ) : null}
      {policies.data ? (
        <>
          <div className="sla-policy-list-bar">
            <ul className="sla-policy-list" aria-label={t('slaPolicies.listLabel')} data-testid="sla-policy-list">
              {list.length === 0 ? <li className="sla-policy-empty">{t('slaPolicies.none')}</li> : null}
              {list.map((policy) => (
                <li key={policy.id}>
                  <button
                    type="button"
                    className="sla-policy-item"
                    aria-pressed={current?.id === policy.id}
                    data-testid="sla-policy-item"
                    data-policy-id={policy.id}
                    data-source={policy.source}
                    data-active={policy.active}
                    onClick={() => select(policy.id)}
                  >
                    <span className="sla-policy-title">{policy.title}</span>
                    <span className={`sla-policy-source source-${policy.source}`} data-testid="sla-policy-source">
                      {t(`slaPolicies.source.${policy.source}`)}
                    </span>
                    {policy.active ? null : <span className="sla-policy-source source-off">{t('slaPolicies.off')}</span>}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button small" aria-pressed={selected === 'new'} onClick={() => select('new')}>
              {t('slaPolicies.new')}
            </button>
          </div>
          {selected === 'new' || current ? (
            <PolicyForm
              key={selected === 'new' ? 'new' : `${current!.id}:${current!.updatedAt}`}
              policy={selected === 'new' ? null : current}
              nextPosition={nextPosition}
              onSaved={(saved, text) => {
                setSelected(saved);
                setNotice({ kind: 'ok', text });
              }}
              onNotice={setNotice}
            />
          ) : null}
          {notice ? (
            <p role={notice.kind === 'ok' ? 'status' : 'alert'} className={`form-result ${notice.kind === 'ok' ? 'is-ok' : 'is-error'}`} data-testid="sla-policy-result">
              {notice.text}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PolicyForm({ policy, nextPosition, onSaved, onNotice }: { policy: SlaPolicyView | null; nextPosition: number; onSaved: (id: Selection, text: string) => void; onNotice: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [draft, setDraft] = useState<PolicyDraft>(() => (policy ? draftOf(policy) : newDraft()));
  const [confirming, setConfirming] = useState(false);
  const save = useSaveSlaPolicy();
  const remove = useDeleteSlaPolicy();
  const problem = draftProblem(draft);
  const busy = save.isPending || remove.isPending;
  const isLocal = policy?.source === 'local';
  const edit = (change: (d: PolicyDraft) => PolicyDraft) => {
    onNotice(null);
    setDraft(change);
  };

  const onSave = () => {
    if (problem) return;
    save.mutate(inputOf(draft, policy, nextPosition), {
      onSuccess: (saved) => onSaved(saved.id, t(policy?.source === 'helpdesk' ? 'slaPolicies.savedOverride' : 'slaPolicies.saved')),
      onError: (error) => onNotice({ kind: 'error', text: t('slaPolicies.saveFailed', { message: readableError(error.message) }) }),
    });
  };
  const onDelete = () => {
    if (!policy) return;
    remove.mutate(policy.id, {
      onSuccess: () => onSaved(isLocal ? null : policy.id, t(isLocal ? 'slaPolicies.deleted' : 'slaPolicies.switchedOff')),
      onError: (error) => onNotice({ kind: 'error', text: t('slaPolicies.deleteFailed', { message: readableError(error.message) }) }),
    });
  };
  const togglePriority = (key: PriorityKey, on: boolean) =>
    edit((d) => {
      const priorities = { ...d.priorities };
      if (on) priorities[key] = emptyPriority();
      else delete priorities[key];
      return { ...d, priorities };
    });
  const toggleChannel = (channel: ChannelKind, on: boolean) =>
    edit((d) => ({ ...d, channels: on ? [...(d.channels ?? []), channel] : (d.channels ?? []).filter((c) => c !== channel) }));

  return (
    <form
      className="sla-policy-form"
      data-testid="sla-policy-form"
      data-policy-id={policy?.id ?? 'new'}
      aria-label={policy ? t('slaPolicies.formLabel', { title: policy.title }) : t('slaPolicies.newFormLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {policy && policy.source !== 'local' ? <p className="sla-policy-note">{t(policy.source === 'helpdesk' ? 'slaPolicies.note.helpdesk' : 'slaPolicies.note.override')}</p> : null}
      <div className="sla-policy-row">
        <label htmlFor={titleId}>{t('slaPolicies.title')}</label>
        <input id={titleId} type="text" value={draft.title} maxLength={200} onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))} />
      </div>
      <fieldset className="sla-policy-choices">
        <legend>{t('slaPolicies.priorities')}</legend>
        {PRIORITY_KEYS.map((key) => (
          <label key={key} className="sla-policy-check">
            <input type="checkbox" checked={draft.priorities[key] !== undefined} onChange={(e) => togglePriority(key, e.target.checked)} />
            {t(`priority.${key}`)}
          </label>
        ))}
      </fieldset>
      {draft.channels !== null ? (
        <fieldset className="sla-policy-choices">
          <legend>{t('slaPolicies.channels')}</legend>
          {CHANNEL_KINDS.map((channel) => (
            <label key={channel} className="sla-policy-check">
              <input type="checkbox" checked={draft.channels!.includes(channel)} onChange={(e) => toggleChannel(channel, e.target.checked)} />
              {t(`channel.${channel}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="sla-policy-note" data-testid="sla-policy-filter-kept">
          {t('slaPolicies.filterKept', { conditions: conditionText(policy) })}
        </p>
      )}
      <table className="sla-policy-targets" data-testid="sla-policy-targets">
        <caption className="visually-hidden">{t('slaPolicies.targetsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('slaPolicies.priority')}</th>
            {TARGETS.map((target) => (
              <th key={target} scope="col">
                {t(`sla.target.${target}`)}
              </th>
            ))}
            <th scope="col">{t('slaPolicies.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITY_KEYS.filter((key) => draft.priorities[key]).map((key) => (
            <tr key={key} data-priority={key}>
              <th scope="row">{t(`priority.${key}`)}</th>
              {TARGETS.map((target) => (
                <td key={target}>
                  <MinutesInput
                    label={t('slaPolicies.targetLabel', { priority: t(`priority.${key}`), target: t(`sla.target.${target}`) })}
                    target={target}
                    value={draft.priorities[key]!.minutes[target]}
                    onChange={(value) => edit((d) => ({ ...d, priorities: { ...d.priorities, [key]: { ...d.priorities[key]!, minutes: { ...d.priorities[key]!.minutes, [target]: value } } } }))}
                  />
                </td>
              ))}
              <td>
                <select
                  aria-label={t('slaPolicies.hoursLabel', { priority: t(`priority.${key}`) })}
                  value={draft.priorities[key]!.businessHours ? 'business' : 'calendar'}
                  onChange={(e) => edit((d) => ({ ...d, priorities: { ...d.priorities, [key]: { ...d.priorities[key]!, businessHours: e.target.value === 'business' } } }))}
                >
                  <option value="calendar">{t('slaPolicies.calendar')}</option>
                  <option value="business">{t('slaPolicies.business')}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sla-policy-hint">{t('slaPolicies.minutesHint')}</p>
      <label className="sla-policy-check">
        <input type="checkbox" checked={draft.active} onChange={(e) => edit((d) => ({ ...d, active: e.target.checked }))} />
        {t('slaPolicies.active')}
      </label>
      {problem ? (
        <p className="sla-policy-problem" data-testid="sla-policy-problem">
          {t(`slaPolicies.error.${problem.key}`, {
            priority: problem.priority ? t(`priority.${problem.priority}`) : '',
            target: problem.target ? t(`sla.target.${problem.target}`) : '',
          })}
        </p>
      ) : null}
      <div className="sla-policy-actions">
        <button type="submit" className="button primary" disabled={busy || problem !== null}>
          {t('slaPolicies.save')}
        </button>
        {policy && (isLocal || policy.active) && !confirming ? (
          <button type="button" className="button danger-outline" disabled={busy} onClick={() => setConfirming(true)}>
            {t(isLocal ? 'slaPolicies.delete' : 'slaPolicies.switchOff')}
          </button>
        ) : null}
      </div>
      {policy && confirming ? (
        <div className="sla-policy-confirm" role="alertdialog" aria-label={t(isLocal ? 'slaPolicies.delete' : 'slaPolicies.switchOff')} data-testid="sla-policy-confirm">
          <p>{t(isLocal ? 'slaPolicies.confirmDelete' : 'slaPolicies.confirmSwitchOff', { title: policy.title })}</p>
          <button type="button" className="button danger-outline" disabled={busy} onClick={onDelete}>
            {t(isLocal ? 'slaPolicies.confirmDeleteButton' : 'slaPolicies.confirmSwitchOffButton')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('slaPolicies.cancel')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function MinutesInput({ label, target, value, onChange }: { label: string; target: SlaTarget; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const minutes = parseMinutes(value);
  const invalid = value.trim() !== '' && minutes === null;
  const shown = minutes === null ? '' : minutes < 60 ? t('sla.span.minutes', { count: minutes }) : t('sla.span.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return (
    <span className="sla-minutes">
      <input type="text" inputMode="numeric" aria-label={label} aria-invalid={invalid} data-target={target} placeholder="—" value={value} onChange={(e) => onChange(e.target.value)} />
      <span className="sla-minutes-shown" aria-hidden="true">
        {shown}
      </span>
    </span>
  );
}

function conditionText(policy: SlaPolicyView | null): string {
  if (!policy) return '';
  const text = (c: { field: string; operator: string; value: unknown }) => `${c.field} ${c.operator} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`;
  const all = policy.filter.all.map(text).join(' & ');
  const any = policy.filter.any.map(text).join(' | ');
  return [all, any ? (all ? `(${any})` : any) : ''].filter((s) => s !== '').join(' & ');
}
