// The composer: replies and internal notes, drafts that survive anything, edits after a conflict,
// and macros staged on it until sent (issue 6).
export { Composer } from './Composer';
export { editQueuedMessage } from './composer-editing';
export { ensureComposerEntry, insertLiteral, stageMacro } from './macro-staging';
