// The case pane: header, thread, and safe rendering of customer HTML.
export { CasePane } from './CasePane';
export { useCaseDetail } from './use-case-detail';
