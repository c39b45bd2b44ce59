import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

// Who sees the supervisor panel, and whether it is showing. Helpdesk admins always see it; the
// "Show the supervisor panel" setting (kept on this machine) shows it to a team lead whose helpdesk
// role is agent — the demo's own agent, Jordan Lee, among them (docs/supervisor.md, "Who sees it").

interface SupervisorPrefs {
  showPanel: boolean;
}

export const useSupervisorPrefs = create<SupervisorPrefs>()(
  persist((): SupervisorPrefs => ({ showPanel: false }), {
    name: 'shiftdesk.supervisor',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    merge: (persisted, current) => ({ ...current, showPanel: (persisted as Partial<SupervisorPrefs> | undefined)?.showPanel === true }),
  }),
);

export function setShowSupervisorPanel(showPanel: boolean): void {
  useSupervisorPrefs.setState({ showPanel });
  if (!showPanel) closeSupervisor();
}

/** Whether the main area shows the supervisor panel instead of the inbox. */
export const useSupervisorOpen = create<{ open: boolean }>(() => ({ open: false }));

export function openSupervisor(): void {
  useSupervisorOpen.setState({ open: true });
}

export function closeSupervisor(): void {
  useSupervisorOpen.setState({ open: false });
}

export function toggleSupervisor(): void {
  useSupervisorOpen.setState((s) => ({ open: !s.open }));
}
