import { UserRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CsatHistory } from './CsatHistory';
import { CustomerSummary } from './CustomerSummary';
import { IdentityList } from './IdentityList';
import { PreviousCases } from './PreviousCases';
import { RecentOrders } from './RecentOrders';
import { useCustomerDetail } from './use-customer-detail';
import './customer.css';

/** The right column: the person behind the open case, across every channel. */
export function CustomerPane({ customerId, currentCaseId }: { customerId: number | null; currentCaseId: number | null }) {
  const { t } = useTranslation();
  const query = useCustomerDetail(customerId);
  const customer = customerId === null ? undefined : query.data;

  let content: ReactNode;
  if (currentCaseId === null)
    content = (
      <div className="pane-empty is-centred">
        <UserRound size={28} strokeWidth={1.5} aria-hidden="true" className="pane-empty-icon" />
        <p className="muted">{t('customer.empty')}</p>
      </div>
    );
  else if (customerId === null) content = <p className="pane-empty muted">{t('customer.notFound')}</p>;
  else if (query.isError) content = <p className="pane-empty" role="alert">{t('app.loadError', { message: query.error.message })}</p>;
  else if (!customer) content = <CustomerSkeleton />;
  else
    content = (
      <>
        <CustomerSummary customer={customer} />
        <Section title={t('customer.identities')}>
          <IdentityList identities={customer.identities} />
        </Section>
        <Section title={t('customer.recentOrders')}>
          <RecentOrders customer={customer} />
        </Section>
        <Section title={t('customer.previousCases')}>
          <PreviousCases cases={customer.cases} currentCaseId={currentCaseId} />
        </Section>
        <Section title={t('customer.csat')}>
          <CsatHistory csat={customer.csat} />
        </Section>
      </>
    );

  return (
    <aside className={`customer-pane${query.isPlaceholderData ? ' is-switching' : ''}`} aria-label={t('customer.paneLabel')} tabIndex={0}>
      {content}
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="customer-section">
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  );
}

function CustomerSkeleton() {
  return (
    <div className="customer-skeleton" aria-hidden="true">
      <span className="skeleton skeleton-avatar" />
      <span className="skeleton skeleton-line" style={{ width: '70%' }} />
      <span className="skeleton skeleton-line" style={{ width: '50%' }} />
      <span className="skeleton skeleton-block" />
    </div>
  );
}
