import { format as formatDate } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src-shared/contract/models';
import { useDateLocale } from '../../i18n';
import { useFormatters } from '../../ui/use-formatters';

const KNOWN_STATUSES = ['processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;
type OrderStatus = (typeof KNOWN_STATUSES)[number];

/** Orders from the commerce system, newest first: what the customer is probably writing about. */
export function RecentOrders({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useDateLocale();
  const hasEmail = customer.identities.some((i) => i.kind === 'email');
  if (customer.ordersError) return <p className="muted small">{customer.ordersError}</p>;
  // Core fetches orders in the background (by e-mail) and sends a change event when they land.
  if (customer.orders === null) return <p className="muted small">{hasEmail ? t('customer.ordersLoading') : t('customer.noOrders')}</p>;
  if (customer.orders.length === 0) return <p className="muted small">{t('customer.noOrders')}</p>;
  return (
    <ul className="orders" aria-label={t('customer.recentOrders')}>
      {customer.orders.map((order) => {
        const status = (KNOWN_STATUSES as readonly string[]).includes(order.status) ? t(`customer.orderStatus.${order.status as OrderStatus}`) : order.status;
        const itemCount = order.items.reduce((sum, item) => sum + item.quantity, 0);
        return (
          <li key={order.number} className="order">
            <div className="order-top">
              <span className="order-number">{order.number}</span>
              <span className={`order-status order-${order.status}`}>{status}</span>
            </div>
            <div className="order-line">
              <span>{formatDate(order.placedAt, 'PP', { locale })}</span>
              <span className="order-total">{format.currency(order.total, order.currency)}</span>
            </div>
            <div className="order-items" title={order.items.map((i) => `${i.quantity} × ${i.name}`).join('\n')}>
              {order.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.name}` : i.name)).join(', ')}
              <span className="visually-hidden"> ({t('customer.items', { count: itemCount })})</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
