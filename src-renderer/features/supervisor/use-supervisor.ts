import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { supervisorAccessQuery, supervisorKeys, supervisorQuery } from '../../api';
import { useSupervisorPrefs } from './supervisor-store';

const HOUR = 3_600_000;

/** May the signed-in agent open the panel: a helpdesk admin, or the setting is on. */
export function useMaySupervise(): boolean {
  const showPanel = useSupervisorPrefs((s) => s.showPanel);
  const access = useQuery(supervisorAccessQuery());
  return showPanel || access.data?.supervisor === true;
}

/**
 * The panel's figures. Change events refetch them (api/live-updates.ts, throttled); the hour
 * buckets and "today" also move with the clock, so the panel refreshes once at each hour's start
 * (a quiet helpdesk sends no events). That is the only timer; it holds no history.
 */
export function useSupervisorView() {
  const client = useQueryClient();
  const query = useQuery(supervisorQuery());
  const at = query.data?.at ?? null;
  useEffect(() => {
    if (at === null) return;
    const next = Math.floor(at / HOUR) * HOUR + HOUR + 1_000;
    const timer = setTimeout(() => void client.invalidateQueries({ queryKey: supervisorKeys.view() }), Math.max(1_000, next - Date.now()));
    return () => clearTimeout(timer);
  }, [at, client]);
  return query;
}
