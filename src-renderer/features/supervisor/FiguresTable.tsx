import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFigures } from '../../../src-shared/contract/supervisor';
import { useFormatters } from '../../ui/use-formatters';
import { percentOf, useSpan } from './format';

export interface FiguresRow {
  key: string;
  label: ReactNode;
  figures: QueueFigures;
  /** Extra attributes for the row (`data-group-id`, `data-channel`). */
  attrs: Record<string, string>;
}

/** One queue per row: open, unassigned, oldest waiting, at risk, breached, replies, first reply, CSAT. */
export function FiguresTable({ caption, firstColumn, rows, totals, now, testId }: { caption: string; firstColumn: string; rows: FiguresRow[]; totals?: QueueFigures; now: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="sv-table" aria-label={caption} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">{t('supervisor.col.open')}</th>
          <th scope="col">{t('supervisor.col.unassigned')}</th>
          <th scope="col">{t('supervisor.col.oldestWaiting')}</th>
          <th scope="col">{t('supervisor.col.atRisk')}</th>
          <th scope="col">{t('supervisor.col.breached')}</th>
          <th scope="col">{t('supervisor.col.repliesToday')}</th>
          <th scope="col">{t('supervisor.col.medianFirstReply')}</th>
          <th scope="col">{t('supervisor.col.csatToday')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={`${testId}-row`} {...row.attrs}>
            <th scope="row">{row.label}</th>
            <FigureCells figures={row.figures} now={now} />
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot>
          <tr data-testid={`${testId}-total`}>
            <th scope="row">{t('supervisor.totals')}</th>
            <FigureCells figures={totals} now={now} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function FigureCells({ figures, now }: { figures: QueueFigures; now: number }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  const span = useSpan();
  const none = t('supervisor.none');
  const csatTotal = figures.csatGood + figures.csatBad;
  const count = (name: string, value: number | null, tone?: 'warning' | 'danger') => (
    <td data-figure={name} data-value={value ?? ''} className={tone && value ? `sv-${tone}` : undefined} title={value === null ? t('supervisor.slaMissing') : undefined}>
      {value === null ? none : integer(value)}
    </td>
  );
  return (
    <>
      {count('open', figures.open)}
      {count('unassigned', figures.unassigned, 'warning')}
      <td data-figure="oldestWaiting" data-value={figures.oldestWaitingSince ?? ''}>
        {figures.oldestWaitingSince === null ? none : span(now - figures.oldestWaitingSince)}
      </td>
      {count('atRisk', figures.atRisk, 'warning')}
      {count('breached', figures.breached, 'danger')}
      {count('repliesToday', figures.repliesToday)}
      <td data-figure="medianFirstReply" data-value={figures.medianFirstReplyMs ?? ''} title={figures.firstRepliesToday > 0 ? t('supervisor.firstReplyOver', { count: figures.firstRepliesToday }) : undefined}>
        {figures.medianFirstReplyMs === null ? none : span(figures.medianFirstReplyMs)}
      </td>
      <td data-figure="csat" data-good={figures.csatGood} data-bad={figures.csatBad} title={csatTotal > 0 ? t('supervisor.csat', { percent: percentOf(figures.csatGood, csatTotal), good: figures.csatGood, total: csatTotal }) : undefined}>
        {csatTotal === 0 ? none : `${t('supervisor.csatShort', { percent: percentOf(figures.csatGood, csatTotal) })} (${integer(figures.csatGood)}/${integer(csatTotal)})`}
      </td>
    </>
  );
}
