import { useQuery } from '@tanstack/react-query';
import { format as formatDate, isToday } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src-shared/contract/models';
import { networkStatusQuery } from '../../api';
import { useDateLocale } from '../../i18n';
import { useFormatters } from '../../ui/use-formatters';

const KNOWN_STATUSES = ['processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;
type OrderStatus = (typeof KNOWN_STATUSES)[number];

/** Orders from the commerce system, newest first: what the customer is probably writing about. */
export function RecentOrders({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useDateLocale();
  // Offline, core looks nothing up (it does once the network is back, and says so): show what is cached.
  const network = useQuery(networkStatusQuery()).data;
  const offline = network !== undefined && !network.online;
  const hasEmail = customer.identities.some((i) => i.kind === 'email');
  const note = (text: string, state: string) => (
    <p className="muted small orders-note" data-orders-state={state}>
      {text}
    </p>
  );

  if (customer.orders === null) {
    if (!hasEmail) return note(t('customer.noOrders'), 'none');
    if (offline) return note(t('customer.ordersOffline'), 'offline');
    if (customer.ordersError) return note(t('customer.ordersFailed'), 'failed');
    // Core fetches orders in the background (by e-mail) and sends a change event when they land.
    return note(t('customer.ordersLoading'), 'loading');
  }
  const asOf =
    offline && customer.ordersFetchedAt !== null
      ? note(t('customer.ordersOfflineAsOf', { time: formatDate(customer.ordersFetchedAt, isToday(customer.ordersFetchedAt) ? 'p' : 'PPp', { locale }) }), 'offline-cached')
      : null;
  if (customer.orders.length === 0)
    return (
      <>
        {asOf}
        {note(t('customer.noOrders'), 'none')}
      </>
    );
  return (
    <>
      {asOf}
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
    </>
  );
}
