import { useQueries, useQuery } from '@tanstack/react-query';
import { AlertTriangle, ArrowRight, Lock, MessageSquare } from 'lucide-react';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryView } from '../../../src-shared/contract/api';
import type { MacroView } from '../../../src-shared/contract/macros';
import type { CasePriority } from '../../../src-shared/domain/case-fields';
import { parseTemplate, renderTemplate, type RenderedTemplate } from '../../../src-shared/domain/macro-template';
import { caseDetailQuery, directoryQuery, macroContextQuery } from '../../api';
import { diffLines, type DiffLine } from './macro-diff';
import type { PaletteTarget } from './palette-store';

/** The highlighted macro against the target: the text as it will be inserted, then the field changes. */
export function PalettePreview({ macro, target, id }: { macro: MacroView; target: PaletteTarget; id: string }) {
  const { t } = useTranslation();
  const caseId = target.kind === 'case' ? target.caseId : target.kind === 'bulk' ? (target.caseIds[0] ?? null) : null;
  const directory = useQuery(directoryQuery()).data;
  const detail = useQuery({ ...caseDetailQuery(caseId ?? 0), enabled: caseId !== null }).data ?? null;
  const context = useQuery({ ...macroContextQuery(caseId ?? 0), enabled: caseId !== null });
  const rendered = context.data ? renderTemplate(macro.body, context.data.values) : null;
  const hasText = macro.body.trim() !== '';
  const lines = diffLines(macro.actions, hasText && !macro.bodyPublic, target.kind === 'case' ? detail : null, directory);

  return (
    <section className="macro-preview" id={id} aria-label={t('macroApply.preview')} data-testid="palette-preview" aria-live="polite">
      <h3 className="macro-preview-title">{macro.title}</h3>
      {hasText ? (
        <>
          <p className="macro-preview-meta">
            {macro.bodyPublic ? <MessageSquare size={12} aria-hidden="true" /> : <Lock size={12} aria-hidden="true" />}
            {macro.bodyPublic ? t('macroApply.asReply') : t('macroApply.asNote')}
            {detail ? <span className="muted"> · {target.kind === 'bulk' ? t('macroApply.previewForBulk', { id: detail.remoteId }) : t('macroApply.previewFor', { id: detail.remoteId })}</span> : null}
          </p>
          {rendered ? <RenderedText rendered={rendered} note={!macro.bodyPublic} /> : <p className="muted">{caseId === null ? null : t('macroApply.previewLoading')}</p>}
          {rendered && rendered.missing.length > 0 ? (
            <p className="macro-missing-note" role="note">
              <AlertTriangle size={13} aria-hidden="true" />
              {t('macroApply.missingHint')}
            </p>
          ) : null}
          {rendered?.unknown.map((name) => (
            <p key={name} className="macro-missing-note">
              <AlertTriangle size={13} aria-hidden="true" />
              {t('macroApply.unknown', { name })}
            </p>
          ))}
        </>
      ) : (
        <p className="muted">{t('macroApply.noText')}</p>
      )}
      <h4 className="macro-preview-subtitle">{t('macroApply.changes')}</h4>
      {lines.length === 0 ? (
        <p className="muted">{t('macroApply.noChanges')}</p>
      ) : (
        <ul className="macro-diff" data-testid="macro-diff">
          {lines.map((line) => (
            <li key={line.field} data-field={line.field}>
              <DiffText line={line} t={t} directory={directory} />
            </li>
          ))}
        </ul>
      )}
      {target.kind === 'bulk' ? <BulkMissing macro={macro} caseIds={target.caseIds} /> : null}
    </section>
  );
}

/** Placeholder values highlighted; a missing value flagged where it would have gone. Values are text nodes, never markup. */
function RenderedText({ rendered, note }: { rendered: RenderedTemplate; note: boolean }) {
  const { t } = useTranslation();
  const pieces: React.ReactNode[] = [];
  let at = 0;
  rendered.spans.forEach((span, i) => {
    if (span.start > at) pieces.push(<Fragment key={`t${i}`}>{rendered.text.slice(at, span.start)}</Fragment>);
    if (span.value === 'missing') {
      pieces.push(
        <mark key={`s${i}`} className="macro-value is-missing" data-testid="macro-missing" data-placeholder={span.name}>
          {t('macroApply.missing', { name: span.name })}
        </mark>,
      );
    } else {
      pieces.push(
        <mark key={`s${i}`} className={`macro-value is-${span.value}`} data-placeholder={span.name} title={span.name}>
          {rendered.text.slice(span.start, span.end)}
        </mark>,
      );
    }
    at = span.end;
  });
  if (at < rendered.text.length) pieces.push(<Fragment key="end">{rendered.text.slice(at)}</Fragment>);
  return (
    <div className={`macro-preview-text${note ? ' is-note' : ''}`} data-testid="palette-preview-text">
      {pieces}
    </div>
  );
}

export function DiffText({ line, t, directory }: { line: DiffLine; t: TFunction; directory: DirectoryView | undefined }) {
  void directory;
  const arrow = <ArrowRight size={12} aria-label="→" className="macro-diff-arrow" />;
  switch (line.field) {
    case 'status':
      return (
        <>
          <span className="macro-diff-label">{t('macroApply.diff.status')}</span> {line.from ? <span className="macro-diff-from">{t(`status.${line.from}`)}</span> : null} {arrow}{' '}
          <span className="macro-diff-to">{t(`status.${line.to}`)}</span>
        </>
      );
    case 'priority': {
      const name = (p: CasePriority | null): string => (p === null ? t('macroApply.diff.noPriority') : t(`priority.${p}`));
      return (
        <>
          <span className="macro-diff-label">{t('macroApply.diff.priority')}</span> {line.from !== undefined ? <span className="macro-diff-from">{name(line.from)}</span> : null} {arrow}{' '}
          <span className="macro-diff-to">{name(line.to)}</span>
        </>
      );
    }
    case 'assignee': {
      const to = line.to.kind === 'none' ? t('macroApply.diff.nobody') : line.to.kind === 'me' ? (line.to.name ? t('macroApply.diff.me', { name: line.to.name }) : t('macroApply.diff.meNoName')) : line.to.name;
      return (
        <>
          <span className="macro-diff-label">{t('macroApply.diff.assignee')}</span> {line.from !== undefined ? <span className="macro-diff-from">{line.from ?? t('macroApply.diff.nobody')}</span> : null} {arrow}{' '}
          <span className="macro-diff-to">{to}</span>
        </>
      );
    }
    case 'group':
      return (
        <>
          <span className="macro-diff-label">{t('macroApply.diff.group')}</span> {line.from !== undefined ? <span className="macro-diff-from">{line.from ?? t('macroApply.diff.noGroup')}</span> : null} {arrow}{' '}
          <span className="macro-diff-to">{line.to ?? t('macroApply.diff.noGroup')}</span>
        </>
      );
    case 'tags':
      return (
        <>
          <span className="macro-diff-label">{t('macroApply.diff.tags')}</span>{' '}
          {line.added.map((tag) => (
            <span key={`+${tag}`} className="macro-tag is-added">
              +{tag}
            </span>
          ))}
          {line.removed.map((tag) => (
            <span key={`-${tag}`} className="macro-tag is-removed">
              −{tag}
            </span>
          ))}
        </>
      );
    case 'note':
      return (
        <>
          <Lock size={12} aria-hidden="true" /> <span className="macro-diff-label">{t('macroApply.diff.note')}</span>
        </>
      );
  }
}

/** In bulk: how many selected cases lack a value, and what is used instead. */
function BulkMissing({ macro, caseIds }: { macro: MacroView; caseIds: number[] }) {
  const { t } = useTranslation();
  const contexts = useQueries({ queries: caseIds.map((id) => macroContextQuery(id)) });
  const known = contexts.filter((c) => c.data).map((c) => c.data!);
  const parts = parseTemplate(macro.body).parts.filter((p) => p.kind === 'placeholder' && p.known);
  const seen = new Set<string>();
  const rows: { name: string; count: number; fallback: string | null }[] = [];
  for (const part of parts) {
    if (part.kind !== 'placeholder' || seen.has(part.name)) continue;
    seen.add(part.name);
    const count = known.filter((c) => {
      const value = c.values[part.name as keyof typeof c.values];
      return value === undefined || value === null || value.trim() === '';
    }).length;
    if (count > 0) rows.push({ name: part.name, count, fallback: part.fallback });
  }
  return (
    <div className="macro-bulk-notes" data-testid="macro-bulk-missing">
      {rows.map((row) => (
        <p key={row.name} className="macro-missing-note">
          <AlertTriangle size={13} aria-hidden="true" />
          {row.fallback !== null
            ? t('macroApply.bulkMissingFallback', { count: row.count, total: caseIds.length, name: row.name, fallback: row.fallback })
            : t('macroApply.bulkMissingNothing', { count: row.count, total: caseIds.length, name: row.name })}
        </p>
      ))}
      <p className="muted">{t('macroApply.bulkOneAction')}</p>
    </div>
  );
}
