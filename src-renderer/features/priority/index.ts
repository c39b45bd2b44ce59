// Smart priority and routing in the UI (issue 7, docs/smart-priority.md): the score chip of an
// inbox row, the reasons in the case header, the suggested assignees of an unassigned case, and the
// Settings section with the weights and a live preview.
export { SmartScoreChip } from './SmartScoreChip';
export { SmartReasons } from './SmartReasons';
export { RoutingSuggestions } from './RoutingSuggestions';
export { PrioritySettingsSection } from './PrioritySettingsSection';
