import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmartPrioritySettingsView } from '../../../src-shared/contract/priority';
import { SMART_WEIGHT_MAX, type SmartWeightKey, type SmartWeights } from '../../../src-shared/domain/smart-priority';
import { priorityPreviewQuery, prioritySettingsQuery, useSavePrioritySettings } from '../../api';
import { readableError } from '../../ui/readable-error';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { useFormatters } from '../../ui/use-formatters';
import { smartReasonText, smartSummary } from './reason-label';
import { SmartScoreChip } from './SmartScoreChip';
import './priority.css';

const GROUPS: { id: 'content' | 'customer' | 'time'; keys: SmartWeightKey[] }[] = [
  { id: 'content', keys: ['trigger_refund', 'trigger_cancel', 'trigger_urgent', 'trigger_legal', 'trigger_broken', 'trigger_chargeback'] },
  { id: 'customer', keys: ['tier_vip', 'tier_gold', 'lifetime_value', 'followers', 'sentiment_negative'] },
  { id: 'time', keys: ['waiting_per_hour', 'waiting_max', 'sla_at_risk', 'sla_breached'] },
];

const PREVIEW_ROWS = 8;

/** Settings → Smart priority: a control per weight, a live preview of the re-ranked open queue, Save and Reset. */
export function PrioritySettingsSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const settings = useQuery(prioritySettingsQuery());
  return (
    <section className="settings-section priority-settings" role="region" aria-labelledby={headingId} data-testid="priority-settings">
      <h3 id={headingId}>{t('smartPriority.settings.heading')}</h3>
      <p className="priority-intro">{t('smartPriority.settings.intro')}</p>
      {settings.isError ? (
        <p role="alert" className="form-result is-error">
          {t('app.loadError', { message: settings.error.message })}
        </p>
      ) : null}
      {settings.data ? <PriorityForm saved={settings.data} /> : null}
    </section>
  );
}

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function PriorityForm({ saved }: { saved: SmartPrioritySettingsView }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SmartWeights>(saved.weights);
  const [notice, setNotice] = useState<Notice>(null);
  const save = useSavePrioritySettings();
  // Saved elsewhere (another window): follow it unless the agent is editing.
  const savedKey = JSON.stringify(saved.weights);
  const [baseKey, setBaseKey] = useState(savedKey);
  useEffect(() => {
    if (savedKey === baseKey) return;
    setBaseKey(savedKey);
    setDraft(saved.weights);
  }, [savedKey, baseKey, saved.weights]);
  const dirty = JSON.stringify(draft) !== savedKey;
  const isDefault = JSON.stringify(draft) === JSON.stringify(saved.defaults);

  const change = (key: SmartWeightKey, value: number) => {
    setNotice(null);
    setDraft((current) => ({ ...current, [key]: Math.max(0, Math.min(SMART_WEIGHT_MAX, Math.round(Number.isFinite(value) ? value : 0))) }));
  };

  const onSave = () => {
    save.mutate(draft, {
      onSuccess: () => setNotice({ kind: 'ok', text: t('smartPriority.settings.saved') }),
      onError: (error) => setNotice({ kind: 'error', text: t('smartPriority.settings.failed', { message: readableError(error.message) }) }),
    });
  };
  const onReset = () => {
    setDraft(saved.defaults);
    save.mutate(null, {
      onSuccess: () => setNotice({ kind: 'ok', text: t('smartPriority.settings.resetDone') }),
      onError: (error) => setNotice({ kind: 'error', text: t('smartPriority.settings.failed', { message: readableError(error.message) }) }),
    });
  };

  return (
    <div className="priority-layout">
      <div className="priority-weights">
        {GROUPS.map((group) => (
          <fieldset key={group.id} className="priority-group">
            <legend>{t(`smartPriority.settings.group.${group.id}`)}</legend>
            {group.keys.map((key) => (
              <WeightControl key={key} weightKey={key} value={draft[key]} defaultValue={saved.defaults[key]} onChange={(v) => change(key, v)} />
            ))}
          </fieldset>
        ))}
        <div className="priority-actions">
          <button type="button" className="button primary" disabled={!dirty || save.isPending} onClick={onSave}>
            {t('smartPriority.settings.save')}
          </button>
          <button type="button" className="button" disabled={(isDefault && !saved.customized) || save.isPending} onClick={onReset}>
            {t('smartPriority.settings.reset')}
          </button>
          {dirty && notice === null ? <span className="priority-unsaved">{t('smartPriority.settings.unsaved')}</span> : null}
          {notice ? (
            <p role={notice.kind === 'ok' ? 'status' : 'alert'} className={`form-result ${notice.kind === 'ok' ? 'is-ok' : 'is-error'}`} data-testid="priority-save-result">
              {notice.text}
            </p>
          ) : null}
        </div>
      </div>
      <PriorityPreview weights={draft} />
    </div>
  );
}

function WeightControl({ weightKey, value, defaultValue, onChange }: { weightKey: SmartWeightKey; value: number; defaultValue: number; onChange: (value: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="priority-weight" data-weight={weightKey} data-changed={value !== defaultValue ? 'true' : undefined}>
      <label htmlFor={id}>{t(`smartPriority.settings.weight.${weightKey}`)}</label>
      {/* The slider is for the pointer; the number field is the accessible control (same value). */}
      <input type="range" min={0} max={SMART_WEIGHT_MAX} step={1} value={value} tabIndex={-1} aria-hidden="true" onChange={(e) => onChange(e.target.valueAsNumber)} />
      <input id={id} type="number" className="priority-number" min={0} max={SMART_WEIGHT_MAX} step={1} value={value} onChange={(e) => onChange(e.target.valueAsNumber)} />
    </div>
  );
}

/** The open queue's top rows under the weights being edited (debounced), and how each moved. */
function PriorityPreview({ weights }: { weights: SmartWeights }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const settled = useDebouncedValue(weights, 250);
  const preview = useQuery(priorityPreviewQuery(settled, PREVIEW_ROWS));
  const updating = preview.isFetching || settled !== weights;
  const rows = useMemo(() => preview.data?.rows ?? [], [preview.data]);
  return (
    <div className="priority-preview" role="region" aria-labelledby={headingId} data-testid="priority-preview" aria-busy={updating}>
      <h4 id={headingId}>{t('smartPriority.settings.preview')}</h4>
      <p className="priority-hint">{t('smartPriority.settings.previewHint')}</p>
      {preview.data && rows.length === 0 ? <p className="priority-hint">{t('smartPriority.settings.previewEmpty')}</p> : null}
      <ol className="priority-preview-list">
        {rows.map((row, index) => {
          const moved = row.savedRank === null ? 'new' : row.savedRank > index + 1 ? 'up' : row.savedRank < index + 1 ? 'down' : 'same';
          return (
            <li key={row.caseId} className="priority-preview-row" data-testid="priority-preview-row" data-case-id={row.caseId} data-remote-id={row.remoteId} data-score={row.smart.score} aria-label={`${index + 1}. ${row.subject} · ${smartSummary(t, format, row.smart)}`}>
              <span className="preview-rank">{index + 1}</span>
              <SmartScoreChip smart={row.smart} />
              <span className="preview-main">
                <span className="preview-subject">{row.subject}</span>
                <span className="preview-reasons">
                  {row.customer ? <span className="preview-customer">{row.customer}</span> : null}
                  {row.smart.reasons
                    .slice(0, 3)
                    .map((r) => smartReasonText(t, format, r))
                    .join(' · ')}
                </span>
              </span>
              {moved === 'same' ? null : (
                <span className={`preview-moved is-${moved}`}>{moved === 'new' ? t('smartPriority.settings.newInTop') : t('smartPriority.settings.wasRank', { rank: row.savedRank ?? 0 })}</span>
              )}
            </li>
          );
        })}
      </ol>
      {preview.data ? <p className="priority-hint">{t('smartPriority.settings.considered', { count: preview.data.considered })}</p> : null}
    </div>
  );
}
