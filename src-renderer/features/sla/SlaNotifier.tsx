import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { slaWatchQuery } from '../../api';
import { openCase } from '../inbox';
import { pushSlaAlert } from './alerts-store';
import { showDesktopNotification } from './desktop-notifications';
import { AtRiskWatcher, NotifiedLog, type WatchedClock } from './notify-plan';
import { formatCountdown, type Translate } from './sla-clock';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const log = new NotifiedLog(browserStorage());

/**
 * Tells the agent when a case assigned to them goes at risk: once per case, target and due time
 * (remembered in localStorage, so a reload does not tell again). It watches my open cases' clocks
 * and wakes at the earliest upcoming `atRiskAt` (re-armed whenever the cases change), so the
 * notice comes on time whether or not core announces anything. A desktop notification when
 * allowed, otherwise an alert in the status bar (`SlaAlerts`); either one opens the case when clicked.
 */
export function SlaNotifier() {
  const { t } = useTranslation();
  const rows = useQuery(slaWatchQuery()).data?.rows;
  const translate = useRef(t);
  translate.current = t;
  const watcher = useRef<AtRiskWatcher | null>(null);

  useEffect(() => {
    const created = new AtRiskWatcher(log, (clock, key, now) => tell(clock, key, now, translate.current));
    watcher.current = created;
    return () => {
      created.stop();
      watcher.current = null;
    };
  }, []);

  useEffect(() => {
    if (rows) watcher.current?.update(rows);
  }, [rows]);

  return null;
}

function tell(clock: WatchedClock, key: string, now: number, t: Translate): void {
  const target = t(`sla.target.${clock.target}`);
  const title = t('sla.notify.title', { target, time: formatCountdown(clock.dueAt, now, t) });
  const body = t('sla.notify.body', { id: clock.remoteId, subject: clock.subject || t('inbox.noSubject') });
  const open = () => openCase(clock.caseId);
  if (showDesktopNotification({ title, body, tag: `shiftdesk-sla:${key}`, onClick: open })) return;
  pushSlaAlert({ key, clock });
}
