import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceSettingsView } from '../../../src-shared/contract/models';
import { presenceConnectionQuery, presenceSettingsQuery } from '../../api';
import { PresenceSettingsForm } from './PresenceSettingsForm';
import { connectionDisplay, sentence, type ConnectionDisplay } from './presence-settings-logic';

/** Settings → Presence: the broker the team's presence runs over, and how the connection is doing now. */
export function PresenceSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const settings = useQuery(presenceSettingsQuery());
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.presence.heading')}</h3>
      {settings.isError ? (
        <p role="alert" className="form-result is-error">
          {t('app.loadError', { message: settings.error.message })}
        </p>
      ) : null}
      {settings.data !== undefined ? (
        <>
          <PresenceConnection saved={settings.data} />
          <PresenceSettingsForm saved={settings.data} />
        </>
      ) : null}
    </section>
  );
}

/** Ticks every second while a retry countdown is shown (and only then). */
function useSecondsNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The live connection state: kept current by `onPresenceConnection` (api/live-updates). */
function PresenceConnection({ saved }: { saved: PresenceSettingsView | null }) {
  const { t } = useTranslation();
  const status = useQuery(presenceConnectionQuery()).data;
  const counting = saved !== null && status?.state === 'unavailable' && status.nextRetryAt !== null;
  const now = useSecondsNow(counting);
  const display = connectionDisplay(saved !== null, status, now);
  return (
    <div className={`presence-connection is-${display.state}`} data-testid="presence-connection" data-state={display.state}>
      <span className="presence-connection-dot" aria-hidden="true" />
      {/* Only the state and the reason are announced; the countdown below ticks silently. */}
      <div role="status" className="presence-connection-text">
        <div className="presence-connection-state">{t(`settings.presence.connection.${CONNECTION_KEYS[display.state]}`)}</div>
        {display.state === 'unavailable' && display.error ? (
          <div className="presence-connection-error" data-testid="presence-connection-error">
            {sentence(display.error)}
          </div>
        ) : null}
      </div>
      <ConnectionDetail display={display} />
    </div>
  );
}

const CONNECTION_KEYS = { 'not-configured': 'notConfigured', connecting: 'connecting', connected: 'connected', unavailable: 'unavailable' } as const;

function ConnectionDetail({ display }: { display: ConnectionDisplay }) {
  const { t } = useTranslation();
  if (display.state === 'not-configured') return <p className="presence-connection-detail">{t('settings.presence.notSetUp')}</p>;
  if (display.state === 'unavailable') {
    return (
      <p className="presence-connection-detail">
        {display.retryInSeconds === null
          ? t('settings.presence.connection.noRetry')
          : display.retryInSeconds > 0
            ? t('settings.presence.connection.retryIn', { count: display.retryInSeconds })
            : t('settings.presence.connection.retrying')}{' '}
        {t('settings.presence.connection.keepsWorking')}
      </p>
    );
  }
  return null;
}
