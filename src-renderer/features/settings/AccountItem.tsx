import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../src-shared/contract/models';
import { RelativeTime } from '../../ui/RelativeTime';
import { useRemoveAccount } from './use-account-mutations';

/** One connected helpdesk: where, as whom, how it is doing. */
export function AccountItem({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const remove = useRemoveAccount();
  return (
    <li className="account">
      <div className="account-main">
        <div className="account-title">
          <span className="account-name">{account.name}</span>
          <span className={`account-status status-${account.status}`}>{t(`settings.accountStatus.${account.status}`)}</span>
        </div>
        <div className="account-detail">
          {account.email} · {account.baseUrl}
        </div>
        {account.lastSyncedAt ? (
          <div className="account-detail">
            {t('settings.lastSynced')} <RelativeTime at={account.lastSyncedAt} />
          </div>
        ) : null}
        {account.lastError ? <div className="account-error">{account.lastError}</div> : null}
        {remove.isError ? (
          <div className="account-error" role="alert">
            {t('settings.removeFailed', { message: remove.error.message })}
          </div>
        ) : null}
      </div>
      <button type="button" className="button danger-outline" onClick={() => remove.mutate(account.id)} disabled={remove.isPending}>
        {remove.isPending ? t('settings.removing') : t('settings.remove')}
      </button>
    </li>
  );
}
