import { format } from 'date-fns';
import { Pause, Timer, TimerOff } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSlaClock, CaseSlaView, SlaState } from '../../../src-shared/contract/sla';
import { useDateLocale } from '../../i18n';
import { badgeClock, clockStateAt, formatCountdown } from './sla-clock';
import { useTicking } from './sla-tick';
import './sla.css';

interface Props {
  sla: CaseSlaView | null | undefined;
  /** `row`: compact, for the inbox; `header`: the case header. */
  variant?: 'row' | 'header';
}

/**
 * The SLA badge: the next clock's target and a live countdown ("First reply 42 min"), coloured by
 * state: ok neutral, at risk amber, breached red, paused grey. Nothing when no clock runs.
 */
export const SlaBadge = memo(function SlaBadge({ sla, variant = 'row' }: Props) {
  const clock = badgeClock(sla);
  return clock ? <ClockBadge clock={clock} variant={variant} /> : null;
});

function ClockBadge({ clock, variant }: { clock: CaseSlaClock; variant: 'row' | 'header' }) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  // "state|text": the only thing that makes this badge re-render as time passes.
  const snapshot = useTicking((now) => {
    const state = clockStateAt(clock, now);
    const text = clock.dueAt === null || state === 'paused' || state === 'met' ? '' : formatCountdown(clock.dueAt, now, t);
    return `${state}|${text}`;
  });
  const split = snapshot.indexOf('|');
  const state = snapshot.slice(0, split) as SlaState;
  const countdownText = snapshot.slice(split + 1);
  const target = t(`sla.target.${clock.target}`);
  const paused = state === 'paused' || countdownText === '';

  const label = paused
    ? t('sla.aria.paused', { target })
    : state === 'breached'
      ? t('sla.aria.breached', { target, time: countdownText })
      : t('sla.aria.running', { target, time: countdownText, state: t(`sla.state.${state}`) });
  const title = paused || clock.dueAt === null ? t('sla.title.paused', { target }) : t('sla.title.due', { target, due: format(clock.dueAt, 'PPp', { locale }) });
  const Icon = paused ? Pause : state === 'breached' ? TimerOff : Timer;

  return (
    <span
      className={`sla-badge sla-${variant}`}
      role="img"
      aria-label={label}
      title={title}
      data-testid={variant === 'row' ? 'row-sla' : 'case-sla'}
      data-state={state}
      data-target={clock.target}
      data-due-at={clock.dueAt ?? undefined}
    >
      <Icon size={variant === 'row' ? 12 : 14} aria-hidden="true" />
      <span className="sla-target">{target}</span>
      <span className="sla-time">{paused ? t('sla.paused') : countdownText}</span>
    </span>
  );
}
