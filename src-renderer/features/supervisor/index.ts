// The supervisor panel (in the main area, for admins or with the setting on) and the web host's
// wallboard page (issue 7, docs/supervisor.md).
export { SupervisorPanel } from './SupervisorPanel';
export { SupervisorButton, useSupervisorShown } from './SupervisorButton';
export { SupervisorSettings } from './SupervisorSettings';
export { Wallboard, isWallboardPage } from './Wallboard';
export { closeSupervisor, openSupervisor } from './supervisor-store';
