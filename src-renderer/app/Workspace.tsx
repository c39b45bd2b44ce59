import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CasePane, useCaseDetail } from '../features/case';
import { CustomerPane } from '../features/customer';
import { InboxPane, useOpenCaseId, ViewsSidebar } from '../features/inbox';
import { ResizeHandle } from '../ui/ResizeHandle';
import { PANE_LIMITS, setPaneWidth, useLayout } from './layout-store';

/** Views | list | case | customer, with keyboard-accessible splitters between them. */
// Memoized: it takes no props, so a parent's re-render (opening a case) does not re-render it.
export const Workspace = memo(function Workspace() {
  const { t } = useTranslation();
  const sidebar = useLayout((s) => s.sidebar);
  const list = useLayout((s) => s.list);
  const customer = useLayout((s) => s.customer);
  const openCaseId = useOpenCaseId();
  const customerId = useCaseDetail(openCaseId).data?.customer?.id ?? null;

  return (
    <main className="workspace" style={{ gridTemplateColumns: `${sidebar}px auto ${list}px auto minmax(360px, 1fr) auto ${customer}px` }}>
      <ViewsSidebar />
      <ResizeHandle label={t('layout.resizeSidebar')} value={sidebar} {...PANE_LIMITS.sidebar} onChange={(w) => setPaneWidth('sidebar', w)} />
      <InboxPane />
      <ResizeHandle label={t('layout.resizeList')} value={list} {...PANE_LIMITS.list} onChange={(w) => setPaneWidth('list', w)} />
      <CasePane caseId={openCaseId} />
      <ResizeHandle label={t('layout.resizeCustomer')} value={customer} {...PANE_LIMITS.customer} direction={-1} onChange={(w) => setPaneWidth('customer', w)} />
      <CustomerPane customerId={customerId} currentCaseId={openCaseId} />
    </main>
  );
});
