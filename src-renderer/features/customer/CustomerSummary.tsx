import { Building2, Crown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src-shared/contract/models';
import { Avatar } from '../../ui/Avatar';
import { useFormatters } from '../../ui/use-formatters';

/** Who this is and what they are worth to the business, at a glance. */
export function CustomerSummary({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const tier = customer.tier?.toLowerCase() ?? null;
  const name = customer.name || t('inbox.unknownCustomer');
  const tierLabel = tier === null ? t('customer.notSet') : t(`customer.tiers.${tier as 'vip'}`, { defaultValue: customer.tier ?? '' });
  return (
    <div className="customer-summary">
      <div className="customer-identity">
        <Avatar name={name} size={44} />
        <div className="customer-name-block">
          <h2 className="customer-name">{name}</h2>
          {customer.organization ? (
            <p className="customer-org">
              <Building2 size={13} aria-hidden="true" />
              <span className="visually-hidden">{t('customer.organization')}: </span>
              {customer.organization}
            </p>
          ) : null}
        </div>
      </div>
      <dl className="customer-stats">
        <div>
          <dt>{t('customer.tier')}</dt>
          <dd>
            <span className={`tier-badge tier-${tier ?? 'none'}`} data-testid="customer-tier">
              {tier === 'vip' ? <Crown size={12} aria-hidden="true" /> : null}
              {tierLabel}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('customer.lifetimeValue')}</dt>
          <dd data-testid="customer-ltv">
            {customer.lifetimeValue === null
              ? t('customer.notSet')
              : // In the customer's own currency (that of their orders); without one, no symbol is better than a wrong one.
                format.money({ amount: customer.lifetimeValue, currency: customer.lifetimeValueCurrency })}
          </dd>
        </div>
        <div>
          <dt>{t('customer.followers')}</dt>
          <dd data-testid="customer-followers" title={customer.followers === null ? undefined : format.integer(customer.followers)}>
            {customer.followers === null ? t('customer.notSet') : format.compact(customer.followers)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
