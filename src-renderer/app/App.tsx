import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from '../api';
import { MacroPalette } from '../features/macros';
import { OutboxPanels, useConflictWatcher } from '../features/outbox';
import { SettingsDialog, useApplySettings } from '../features/settings';
import { isWallboardPage, SupervisorPanel, useSupervisorShown, Wallboard } from '../features/supervisor';
import { SlaNotifier } from '../features/sla';
import { RecordIssuesDialog } from '../features/sync';
import { closeDialog, useDialogs } from './dialogs-store';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useCoreEvents } from './use-core-events';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useMenuCommands } from './use-menu-commands';
import { Workspace } from './Workspace';

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      {isWallboardPage() ? <Wallboard /> : <Shell />}
    </QueryClientProvider>
  );
}

function Shell() {
  useCoreEvents();
  useApplySettings();
  useGlobalShortcuts();
  useMenuCommands();
  useConflictWatcher();
  const dialog = useDialogs((s) => s.open);
  const supervisor = useSupervisorShown();
  return (
    <div className="app">
      <TopBar />
      {supervisor ? <SupervisorPanel /> : <Workspace />}
      <StatusBar />
      {dialog === 'settings' ? <SettingsDialog onClose={closeDialog} /> : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog onClose={closeDialog} /> : null}
      <OutboxPanels />
      {/* Over Settings when opened from an account there: a modal above a modal. */}
      <RecordIssuesDialog />
      <MacroPalette />
      <SlaNotifier />
    </div>
  );
}
