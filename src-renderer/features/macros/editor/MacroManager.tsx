import { MacroDialog } from './MacroDialog';
import { closeMacroManager, useMacroManager } from './macro-manager-store';

/** Where the Macros dialog lives: rendered only while open (`openMacroManager()`). */
export function MacroManager() {
  const open = useMacroManager((s) => s.open);
  return open ? <MacroDialog onClose={closeMacroManager} /> : null;
}
