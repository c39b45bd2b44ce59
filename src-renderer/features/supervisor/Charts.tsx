import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SlaCompliance, VolumeByHour } from '../../../src-shared/contract/supervisor';
import { CHANNEL_KINDS } from '../../../src-shared/domain/channels';
import { useFormatters } from '../../ui/use-formatters';
import { CHANNEL_COLORS, percentOf } from './format';

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function hourLabel(locale: string, at: number): string {
  let format = hourFormats.get(locale);
  if (!format) hourFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(at);
}

/** New cases per hour over the last 24 h, stacked by channel, with the same figures in words. */
export function VolumeChart({ volume, height = 240, large = false }: { volume: VolumeByHour; height?: number; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const { integer } = useFormatters();
  const locale = i18n.language === 'ko' ? 'ko-KR' : 'en-US';
  const channels = CHANNEL_KINDS.filter((c) => volume.byChannel[c] !== undefined);
  const { rows, total, peak, peakHour, perChannel } = useMemo(() => {
    const rows = volume.hours.map((hour, i) => {
      const row: Record<string, number | string> = { hour: hourLabel(locale, hour) };
      for (const c of channels) row[c] = volume.byChannel[c]![i] ?? 0;
      return row;
    });
    const sums = volume.hours.map((_, i) => channels.reduce((sum, c) => sum + (volume.byChannel[c]![i] ?? 0), 0));
    const peak = Math.max(0, ...sums);
    const peakIndex = sums.indexOf(peak);
    return {
      rows,
      total: sums.reduce((a, b) => a + b, 0),
      peak,
      peakHour: peakIndex >= 0 ? hourLabel(locale, volume.hours[peakIndex]!) : '',
      perChannel: channels.map((c) => ({ c, n: volume.byChannel[c]!.reduce((a, b) => a + b, 0) })).sort((a, b) => b.n - a.n),
    };
  }, [volume, locale, channels]);
  const summary =
    total === 0
      ? t('supervisor.volumeEmpty')
      : t('supervisor.volumeSummary', {
          total: integer(total),
          hour: peakHour,
          peak: integer(peak),
          channels: perChannel.map(({ c, n }) => `${t(`channel.${c}`)} ${integer(n)}`).join(', '),
        });
  const tick = { fill: 'currentColor', fontSize: large ? 16 : 11 };
  return (
    <figure className="sv-chart" data-testid="supervisor-volume">
      <figcaption className="sv-chart-title">{t('supervisor.volumeTitle')}</figcaption>
      <div aria-hidden="true" className="sv-chart-canvas">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="hour" tick={tick} stroke="currentColor" strokeOpacity={0.4} interval={large ? 3 : 2} tickLine={false} />
            <YAxis allowDecimals={false} tickCount={5} tick={tick} stroke="currentColor" strokeOpacity={0.4} tickLine={false} width={large ? 56 : 44} />
            {large ? null : <Tooltip isAnimationActive={false} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />}
            <Legend wrapperStyle={{ fontSize: large ? 18 : 12 }} formatter={(value: string) => t(`channel.${value}`, { defaultValue: value })} />
            {channels.map((c) => (
              <Bar key={c} dataKey={c} stackId="volume" fill={CHANNEL_COLORS[c] ?? '#888'} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sv-chart-summary" data-testid="supervisor-volume-summary" data-total={total}>
        {summary}
      </p>
    </figure>
  );
}

/** Today's SLA targets met vs breached, as a ring and in words; says so while SLA data does not exist. */
export function SlaChart({ sla, height = 200, large = false }: { sla: SlaCompliance; height?: number; large?: boolean }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  const total = sla.met + sla.breached;
  const data = [
    { name: t('supervisor.met'), value: sla.met, color: '#2e9e5b' },
    { name: t('supervisor.col.breached'), value: sla.breached, color: '#d64541' },
  ];
  const summary = !sla.available
    ? t('supervisor.slaUnavailable')
    : total === 0
      ? t('supervisor.slaNone')
      : t('supervisor.slaSummary', { met: integer(sla.met), breached: integer(sla.breached), percent: percentOf(sla.met, total) });
  return (
    <figure className="sv-chart" data-testid="supervisor-sla" data-available={sla.available}>
      <figcaption className="sv-chart-title">{t('supervisor.slaTitle')}</figcaption>
      {sla.available && total > 0 ? (
        <div aria-hidden="true" className="sv-chart-canvas sv-sla-ring">
          <ResponsiveContainer width="100%" height={height}>
            <PieChart accessibilityLayer={false}>
              <Pie data={data} dataKey="value" nameKey="name" innerRadius="58%" outerRadius="85%" isAnimationActive={false} stroke="none" rootTabIndex={-1} {...(large ? { cx: 70 } : {})}>
                {data.map((d) => (
                  <Cell key={d.name} fill={d.color} />
                ))}
              </Pie>
              {large ? <Legend layout="vertical" align="right" verticalAlign="middle" wrapperStyle={{ fontSize: 18 }} /> : <Legend wrapperStyle={{ fontSize: 12 }} />}
            </PieChart>
          </ResponsiveContainer>
          <span className="sv-sla-percent" style={large ? { left: 70 } : undefined}>
            {percentOf(sla.met, total)}%
          </span>
        </div>
      ) : null}
      <p className="sv-chart-summary" data-testid="supervisor-sla-summary">
        {summary}
      </p>
    </figure>
  );
}
