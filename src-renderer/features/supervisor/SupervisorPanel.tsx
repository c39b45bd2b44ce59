import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { AgentsTable, byActivity } from './AgentsTable';
import { SlaChart, VolumeChart } from './Charts';
import { FiguresTable } from './FiguresTable';
import { channelRows, groupRows } from './rows';
import { closeSupervisor } from './supervisor-store';
import { Tiles } from './Tiles';
import { useSupervisorView } from './use-supervisor';
import './supervisor.css';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
export function clockTime(locale: string, at: number): string {
  let format = timeFormats.get(locale);
  if (!format) timeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })));
  return format.format(at);
}

/** The supervisor panel, in the main area: totals, queues, channels, charts and agents, live. */
export function SupervisorPanel() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'ko' ? 'ko-KR' : 'en-US';
  const query = useSupervisorView();
  const view = query.data;
  return (
    <main className="sv-panel" aria-label={t('supervisor.title')} data-testid="supervisor-panel" data-updated-at={view?.at ?? ''}>
      <header className="sv-header">
        <h1>{t('supervisor.title')}</h1>
        {view ? (
          <p className="sv-updated" role="status" data-testid="supervisor-updated">
            {t('supervisor.updated', { time: clockTime(locale, view.at) })} · {t('supervisor.live')}
          </p>
        ) : null}
        <button type="button" className="button" onClick={closeSupervisor}>
          <ArrowLeft size={16} aria-hidden="true" />
          {t('supervisor.backToInbox')}
        </button>
      </header>
      {query.isError && !view ? (
        <p role="alert" className="sv-error">
          {t('supervisor.loadError', { message: query.error.message })}
        </p>
      ) : null}
      {!view ? (
        query.isError ? null : <p className="sv-muted">{t('app.loading')}</p>
      ) : (
        <div className="sv-body">
          <Tiles totals={view.totals} now={view.at} />
          <div className="sv-columns">
            <div className="sv-column">
              <section className="sv-section" aria-labelledby="sv-queues">
                <h2 id="sv-queues">{t('supervisor.queues')}</h2>
                <FiguresTable caption={t('supervisor.queues')} firstColumn={t('supervisor.col.queue')} rows={groupRows(view, t)} totals={view.totals} now={view.at} testId="supervisor-queues" />
              </section>
              <section className="sv-section" aria-labelledby="sv-channels">
                <h2 id="sv-channels">{t('supervisor.channels')}</h2>
                <FiguresTable caption={t('supervisor.channels')} firstColumn={t('supervisor.col.channel')} rows={channelRows(view, t)} now={view.at} testId="supervisor-channels" />
              </section>
            </div>
            <div className="sv-column">
              <VolumeChart volume={view.volume} height={220} />
              <SlaChart sla={view.sla} height={150} />
            </div>
          </div>
          <section className="sv-section" aria-labelledby="sv-agents">
            <h2 id="sv-agents">{t('supervisor.agents')}</h2>
            <AgentsTable agents={byActivity(view.agents)} />
          </section>
          <p className="sv-footnote">
            {t('supervisor.today', { time: clockTime(locale, view.todayStart).slice(0, 5) })}
            {view.slaAvailable ? null : ` ${t('supervisor.slaMissing')}`}
          </p>
        </div>
      )}
    </main>
  );
}
