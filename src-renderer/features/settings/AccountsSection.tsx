import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsQuery } from '../../api';
import { AccountItem } from './AccountItem';
import { AddAccountForm } from './AddAccountForm';

export function AccountsSection() {
  const { t } = useTranslation();
  const accounts = useQuery(accountsQuery());
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The removed account's item (and its Remove button) are gone: focus stays in the section.
  const onRemoved = () => requestAnimationFrame(() => headingRef.current?.focus());
  return (
    <section className="settings-section">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('settings.accounts')}
      </h3>
      {accounts.isError ? (
        <p role="alert" className="form-result is-error">
          {t('app.loadError', { message: accounts.error.message })}
        </p>
      ) : null}
      {accounts.data && accounts.data.length === 0 ? <p className="muted">{t('settings.noAccounts')}</p> : null}
      {accounts.data && accounts.data.length > 0 ? (
        <ul className="account-list" aria-label={t('settings.accounts')}>
          {accounts.data.map((account) => (
            <AccountItem key={account.id} account={account} onRemoved={onRemoved} />
          ))}
        </ul>
      ) : null}
      <AddAccountForm />
    </section>
  );
}
