// The macro editor (issue 6, docs/macros.md "Editor"): the Macros dialog with the list of macros,
// the editor of personal ones and a live preview against the open case.
export { MacroManager } from './MacroManager';
export { closeMacroManager, openMacroManager, useMacroManager } from './macro-manager-store';
