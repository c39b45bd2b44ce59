import { useTranslation } from 'react-i18next';
import type { QueueFigures } from '../../../src-shared/contract/supervisor';
import { useFormatters } from '../../ui/use-formatters';
import { percentOf, useSpan } from './format';

/** The totals over every queue, one tile per figure. */
export function Tiles({ totals, now }: { totals: QueueFigures; now: number }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  const span = useSpan();
  const none = t('supervisor.none');
  const csatTotal = totals.csatGood + totals.csatBad;
  const tiles: { figure: string; label: string; value: number | null; text: string; tone?: 'warning' | 'danger'; detail?: string }[] = [
    { figure: 'open', label: t('supervisor.col.open'), value: totals.open, text: integer(totals.open) },
    { figure: 'unassigned', label: t('supervisor.col.unassigned'), value: totals.unassigned, text: integer(totals.unassigned), tone: 'warning' },
    { figure: 'oldestWaiting', label: t('supervisor.col.oldestWaiting'), value: totals.oldestWaitingSince, text: totals.oldestWaitingSince === null ? none : span(now - totals.oldestWaitingSince) },
    { figure: 'atRisk', label: t('supervisor.col.atRisk'), value: totals.atRisk, text: totals.atRisk === null ? none : integer(totals.atRisk), tone: 'warning' },
    { figure: 'breached', label: t('supervisor.col.breached'), value: totals.breached, text: totals.breached === null ? none : integer(totals.breached), tone: 'danger' },
    { figure: 'repliesToday', label: t('supervisor.col.repliesToday'), value: totals.repliesToday, text: integer(totals.repliesToday) },
    {
      figure: 'medianFirstReply',
      label: t('supervisor.col.medianFirstReply'),
      value: totals.medianFirstReplyMs,
      text: totals.medianFirstReplyMs === null ? none : span(totals.medianFirstReplyMs),
      ...(totals.firstRepliesToday > 0 ? { detail: t('supervisor.firstReplyOver', { count: totals.firstRepliesToday }) } : {}),
    },
    {
      figure: 'csat',
      label: t('supervisor.col.csatToday'),
      value: csatTotal === 0 ? null : percentOf(totals.csatGood, csatTotal),
      text: csatTotal === 0 ? none : t('supervisor.csatShort', { percent: percentOf(totals.csatGood, csatTotal) }),
      ...(csatTotal > 0 ? { detail: `${integer(totals.csatGood)} / ${integer(csatTotal)}` } : {}),
    },
  ];
  return (
    <dl className="sv-tiles" data-testid="supervisor-totals">
      {tiles.map((tile) => (
        <div key={tile.figure} className={`sv-tile${tile.tone && tile.value ? ` sv-${tile.tone}` : ''}`} data-testid="supervisor-tile" data-figure={tile.figure} data-value={tile.value ?? ''}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="sv-tile-value">{tile.text}</span>
            {tile.detail ? <span className="sv-tile-detail">{tile.detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
