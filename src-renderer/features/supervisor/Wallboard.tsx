import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeToCoreEvents, useConnectionState } from '../../api';
import { AgentsTable, byActivity } from './AgentsTable';
import { SlaChart, VolumeChart } from './Charts';
import { FiguresTable } from './FiguresTable';
import { channelRows, groupRows } from './rows';
import { clockTime } from './SupervisorPanel';
import { Tiles } from './Tiles';
import { useSupervisorView } from './use-supervisor';
import './supervisor.css';

/** The web host's `/wallboard` page (docs/supervisor.md): the panel's figures for a screen on the wall. */
export function isWallboardPage(): boolean {
  return typeof window !== 'undefined' && window.location.pathname === '/wallboard';
}

/** The busiest agents that fit beside the tables (the panel lists them all). */
const AGENTS_ON_BOARD = 7;

/**
 * The wallboard: the same figures as the panel in large type on a dark, high-contrast page with
 * no controls. It runs unattended: the web bridge reconnects forever with backoff and the board
 * says "Reconnecting…" over the last figures meanwhile; after a reconnect everything is refetched.
 * Only the latest figures are kept (no history in state), so memory stays flat over days.
 */
export function Wallboard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  useEffect(() => subscribeToCoreEvents(client), [client]);
  useEffect(() => {
    const root = document.documentElement;
    const previous = root.dataset.theme;
    root.dataset.theme = 'dark';
    document.title = `${t('supervisor.wallboard')} · ${t('app.name')}`;
    return () => {
      if (previous === undefined) delete root.dataset.theme;
      else root.dataset.theme = previous;
    };
  }, [t]);
  const connection = useConnectionState((s) => s.status);
  const query = useSupervisorView();
  const view = query.data;
  const locale = i18n.language === 'ko' ? 'ko-KR' : 'en-US';
  const down = connection === 'reconnecting' || connection === 'connecting';
  return (
    <main className="wallboard" data-testid="wallboard" data-connection={connection} data-updated-at={view?.at ?? ''} aria-label={t('supervisor.wallboard')}>
      <header className="wb-header">
        <h1>
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          {t('app.name')} · {t('supervisor.wallboard')}
        </h1>
        <div role="status" data-testid="wallboard-connection" className={`wb-connection${down ? ' wb-down' : ''}`}>
          {connection === 'unauthorized' ? (
            t('supervisor.unauthorized')
          ) : down && view ? (
            <>
              <strong>{t('supervisor.reconnecting')}</strong> {t('supervisor.reconnectingDetail', { time: clockTime(locale, view.at).slice(0, 5) })}
            </>
          ) : down ? (
            <strong>{t('supervisor.reconnecting')}</strong>
          ) : view ? (
            t('supervisor.updated', { time: clockTime(locale, view.at) })
          ) : null}
        </div>
      </header>
      {view ? (
        <div className="wb-body">
          <Tiles totals={view.totals} now={view.at} />
          <div className="wb-grid">
            <section aria-labelledby="wb-queues" className="wb-queues">
              <h2 id="wb-queues">{t('supervisor.queues')}</h2>
              <FiguresTable caption={t('supervisor.queues')} firstColumn={t('supervisor.col.queue')} rows={groupRows(view, t)} now={view.at} testId="supervisor-queues" />
              <h2>{t('supervisor.channels')}</h2>
              <FiguresTable caption={t('supervisor.channels')} firstColumn={t('supervisor.col.channel')} rows={channelRows(view, t)} now={view.at} testId="supervisor-channels" />
            </section>
            <div className="wb-side">
              <section aria-labelledby="wb-agents" className="wb-agents">
                <h2 id="wb-agents">{t('supervisor.agents')}</h2>
                <AgentsTable agents={byActivity(view.agents)} limit={AGENTS_ON_BOARD} compact />
              </section>
              <VolumeChart volume={view.volume} height={165} large />
              <SlaChart sla={view.sla} height={110} large />
            </div>
          </div>
        </div>
      ) : query.isError ? (
        <p className="wb-message">{t('supervisor.loadError', { message: query.error.message })}</p>
      ) : (
        <p className="wb-message">{t('app.loading')}</p>
      )}
    </main>
  );
}
