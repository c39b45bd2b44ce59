// The inbox: views sidebar, filters, the case list, and which case is open.
export { InboxPane } from './InboxPane';
export { ViewsSidebar } from './ViewsSidebar';
export { goToView } from './go-to-view';
export { openCase, useOpenCaseId } from './selection-store';
