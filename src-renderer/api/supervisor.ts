import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api } from './client';

// The supervisor panel and the wallboard (issue 7, docs/supervisor.md). One query holds the whole
// panel; core's change events (cases, messages, directory, presence) refetch it, throttled: at most
// one refetch per THROTTLE_MS, the first at once and the last change never lost, so a busy sync
// does not hammer core and a single change still shows within well under 2 s.

export const supervisorKeys = {
  all: ['supervisor'] as const,
  view: () => ['supervisor', 'view'] as const,
  access: () => ['supervisor', 'access'] as const,
};

/** Every figure of the panel (`supervisor:get`). */
export const supervisorQuery = () => queryOptions({ queryKey: supervisorKeys.view(), queryFn: () => api.call('supervisor:get', {}) });

/** The signed-in agent's helpdesk role and whether it makes them a supervisor (`supervisor:access`). */
export const supervisorAccessQuery = () => queryOptions({ queryKey: supervisorKeys.access(), queryFn: () => api.call('supervisor:access', {}) });

export const SUPERVISOR_THROTTLE_MS = 500;

/**
 * A leading + trailing throttle: `run()` calls `fn` at once when it has not run for `ms`, otherwise
 * once when the window ends (however many calls came meanwhile). `cancel()` drops a pending call.
 */
export function throttle(fn: () => void, ms: number, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis): { run: () => void; cancel: () => void } {
  let last = -Infinity;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const fire = (): void => {
    pending = null;
    last = Date.now();
    fn();
  };
  return {
    run: () => {
      if (pending !== null) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) fire();
      else pending = timers.setTimeout(fire, wait);
    },
    cancel: () => {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}

/** Refetches the panel (if anything shows it), throttled. */
export function supervisorRefresher(client: QueryClient, ms = SUPERVISOR_THROTTLE_MS): { run: () => void; cancel: () => void } {
  return throttle(() => void client.invalidateQueries({ queryKey: supervisorKeys.all }), ms);
}
