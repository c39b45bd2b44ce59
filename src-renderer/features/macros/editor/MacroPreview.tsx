import { useQuery } from '@tanstack/react-query';
import { Info } from 'lucide-react';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DirectoryView } from '../../../../src-shared/contract/api';
import type { MacroActions } from '../../../../src-shared/contract/macros';
import type { MacroContext } from '../../../../src-shared/domain/macro-template';
import { caseDetailQuery, macroContextQuery } from '../../../api';
import { describeFieldChanges, type FieldChange, type FieldNames } from './field-changes';
import { renderPreview } from './macro-form';

interface Props {
  body: string;
  bodyPublic: boolean;
  actions: MacroActions;
  /** The case open in the workspace (its values fill the placeholders), or null: sample values. */
  caseId: number | null;
  directory: DirectoryView | undefined;
}

/**
 * The macro as it would land on the open case: its text with every placeholder filled (values
 * marked, fallbacks and missing values flagged) and the field changes, current value → new value.
 */
export function MacroPreview({ body, bodyPublic, actions, caseId, directory }: Props) {
  const { t } = useTranslation();
  const context = useQuery({ ...macroContextQuery(caseId ?? 0), enabled: caseId !== null });
  const detail = useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null }).data ?? undefined;
  const myIds = directory?.me;
  const me = directory?.agents.find((a) => myIds?.includes(a.id) && (detail === undefined || a.accountId === detail.accountId));

  const sample = useMemo<MacroContext>(
    () => ({
      'customer.first_name': t('macroEditor.sample.firstName'),
      'customer.name': t('macroEditor.sample.name'),
      'customer.tier': t('macroEditor.sample.tier'),
      'customer.last_order.number': t('macroEditor.sample.orderNumber'),
      'case.id': t('macroEditor.sample.caseId'),
      'case.subject': t('macroEditor.sample.subject'),
      'agent.name': me?.name ?? t('macroEditor.sample.agentName'),
      'agent.first_name': me?.name.trim().split(/\s+/)[0] ?? t('macroEditor.sample.agentFirstName'),
    }),
    [t, me?.name],
  );
  const useCase = caseId !== null && context.data !== undefined;
  const values = useCase ? context.data.values : sample;
  const { rendered, segments } = useMemo(() => renderPreview(body, values), [body, values]);

  const names: FieldNames = {
    status: (s) => t(`status.${s}`),
    priority: (p) => (p === null ? t('priority.none') : t(`priority.${p}`)),
    agent: (id) => (id === null ? t('macroEditor.nobodyValue') : (directory?.agents.find((a) => a.id === id)?.name ?? t('macroEditor.unknownAgent', { id }))),
    me: () => (me ? t('macroEditor.meNamed', { name: me.name }) : t('macroEditor.meUnnamed')),
    group: (id) => (id === null ? t('caseEdit.noGroup') : (directory?.groups.find((g) => g.id === id)?.name ?? t('macroEditor.unknownGroup', { id }))),
  };
  const current = caseId !== null && detail ? { status: detail.status, priority: detail.priority, assigneeId: detail.assignee?.id ?? null, groupId: detail.group?.id ?? null, tags: detail.tags } : null;
  const changes = describeFieldChanges(actions, current, names, myIds);

  let source: string;
  if (caseId === null) source = t('macroEditor.previewSample');
  else if (context.isError) source = t('macroEditor.previewError', { message: context.error.message });
  else if (!useCase) source = t('macroEditor.previewLoading');
  else source = detail ? t('macroEditor.previewCase', { id: detail.remoteId, subject: detail.subject }) : '';

  return (
    <section className="medit-preview" role="region" aria-label={t('macroEditor.previewRegion')} data-testid="macro-preview" data-preview-source={useCase ? 'case' : 'sample'}>
      <h3 className="medit-column-heading">{t('macroEditor.preview')}</h3>
      <p className={`medit-preview-source${useCase ? '' : ' is-sample'}`} data-testid="macro-preview-source">
        {useCase ? null : <Info size={14} aria-hidden="true" />}
        <span>{source}</span>
      </p>

      <div className={`medit-preview-message${bodyPublic ? '' : ' is-note'}`}>
        <span className="medit-preview-kind">{bodyPublic ? t('macroEditor.reply') : t('macroEditor.note')}</span>
        {body.trim() === '' ? (
          <p className="muted small">{t('macroEditor.noText')}</p>
        ) : (
          <p className="medit-preview-text" data-testid="macro-preview-text">
            {segments.map((segment, i) => {
              switch (segment.kind) {
                case 'text':
                  return <span key={i}>{segment.text}</span>;
                case 'value':
                  return (
                    <mark key={i} className="medit-ph medit-ph-value" data-placeholder={segment.name} data-value="value" title={t('macroEditor.valueTitle', { name: segment.name })}>
                      {segment.text}
                    </mark>
                  );
                case 'fallback':
                  return (
                    <mark key={i} className="medit-ph medit-ph-fallback" data-placeholder={segment.name} data-value="fallback" title={t('macroEditor.fallbackTitle', { name: segment.name })}>
                      {segment.text}
                    </mark>
                  );
                case 'missing':
                  return (
                    <span key={i} className="medit-ph medit-ph-missing" data-placeholder={segment.name} data-value="missing" title={t('macroEditor.missingTitle')}>
                      {t('macroEditor.missingLabel', { name: segment.name })}
                    </span>
                  );
                case 'unknown':
                  return (
                    <span key={i} className="medit-ph medit-ph-unknown" data-placeholder={segment.name} data-value="unknown" title={t('macroEditor.unknownTitle')}>
                      {segment.text}
                    </span>
                  );
              }
            })}
          </p>
        )}
      </div>
      {rendered.missing.length > 0 ? (
        <p className="medit-preview-missing" data-testid="macro-preview-missing">
          {t('macroEditor.missingNote', { names: rendered.missing.map((name) => `{{${name}}}`).join(', ') })}
        </p>
      ) : null}

      <h4 className="medit-preview-subheading">{t('macroEditor.fieldChanges')}</h4>
      {changes.length === 0 ? (
        <p className="muted small">{t('macroEditor.noFieldChanges')}</p>
      ) : (
        <ul className="medit-preview-changes" data-testid="macro-preview-changes">
          {changes.map((change) => (
            <li key={change.field} className={change.kind === 'field' && change.same ? 'is-same' : undefined}>
              {changeText(change, t)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function changeText(change: FieldChange, t: TFunction): string {
  if (change.kind === 'tags') {
    const key = change.field === 'addTags' ? 'macroEditor.changeAddTags' : change.field === 'removeTags' ? 'macroEditor.changeRemoveTags' : 'macroEditor.changeSetTags';
    const main = t(key, { tags: change.tags.length > 0 ? change.tags.join(', ') : '—' });
    return change.unchanged.length > 0 ? `${main} ${t('macroEditor.changeTagsAlready', { tags: change.unchanged.join(', ') })}` : main;
  }
  const field = t(`macroEditor.${change.field}`);
  if (change.from === null) return t('macroEditor.changeTo', { field, to: change.to });
  if (change.same) return t('macroEditor.changeSame', { field, to: change.to });
  return t('macroEditor.changeFromTo', { field, from: change.from, to: change.to });
}
