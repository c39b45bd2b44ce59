import { useQuery } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { presenceSettingsQuery, useSetPresenceStatus } from '../../api';
import { useMyPresence, usePresenceConnection } from './use-presence';
import './presence.css';

/**
 * The status bar's presence: my status (available / away; offline while the broker is unreachable)
 * and the switch between them. When the broker password is gone from the keychain, presence does
 * not connect: it says so, with a button to enter it again (`onEnterPassword` opens Settings there).
 */
export function MyPresence({ onEnterPassword }: { onEnterPassword?: () => void }) {
  const { t } = useTranslation();
  const mine = useMyPresence();
  const connection = usePresenceConnection();
  const passwordMissing = useQuery({ ...presenceSettingsQuery(), select: (settings) => settings?.passwordMissing === true }).data;
  const setStatus = useSetPresenceStatus();
  if (passwordMissing) {
    return (
      <div className="my-presence" data-testid="my-presence" data-status="offline" data-connection="unavailable">
        <span className="presence-dot is-offline" aria-hidden="true" />
        <span className="my-presence-unavailable">{t('presence.passwordMissing')}</span>
        {onEnterPassword ? (
          <button type="button" className="button small" onClick={onEnterPassword}>
            <KeyRound size={12} aria-hidden="true" />
            {t('presence.enterPassword')}
          </button>
        ) : null}
      </div>
    );
  }
  if (!mine?.configured || !mine.me) return null;
  const unavailable = connection?.state === 'unavailable';
  const status = unavailable ? 'offline' : mine.me.status;
  const away = mine.me.status === 'away';
  return (
    <div className="my-presence" data-testid="my-presence" data-status={status} data-connection={connection?.state}>
      <span className={`presence-dot is-${status}`} aria-hidden="true" />
      <span className="my-presence-status">{t(`presence.status.${status}`)}</span>
      {unavailable ? (
        <span className="my-presence-unavailable" title={connection?.error ?? undefined}>
          {t('presence.unavailable')}
        </span>
      ) : connection?.state === 'connecting' ? (
        <span className="muted">{t('presence.connecting')}</span>
      ) : null}
      <button
        type="button"
        className="my-presence-toggle"
        aria-pressed={away}
        title={away ? t('presence.setAvailable') : t('presence.setAway')}
        disabled={setStatus.isPending}
        onClick={() => setStatus.mutate(away ? 'available' : 'away')}
      >
        {t('presence.away')}
      </button>
    </div>
  );
}
