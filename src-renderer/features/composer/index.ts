// The composer: replies and internal notes, drafts that survive anything, edits after a conflict.
export { Composer } from './Composer';
export { editQueuedMessage } from './composer-editing';
