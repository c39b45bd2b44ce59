import { Headset, Mail } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../src-shared/contract/models';
import { RelativeTime } from '../../ui/RelativeTime';
import { useRemoveAccount } from './use-account-mutations';

/** One connected helpdesk or mailbox: where, as whom, how it is doing. */
export function AccountItem({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const remove = useRemoveAccount();
  const mail = account.kind === 'email' ? account.mail : null;
  const KindIcon = account.kind === 'email' ? Mail : Headset;
  const kindLabel = account.kind === 'email' ? t('settings.kindIcon.email') : t('settings.kindIcon.zendesk');
  return (
    <li className="account" data-account-kind={account.kind}>
      <div className="account-main">
        <div className="account-title">
          <KindIcon size={15} className="account-kind-icon" role="img" aria-label={kindLabel}>
            <title>{kindLabel}</title>
          </KindIcon>
          <span className="account-name">{account.name}</span>
          <span className={`account-status status-${account.status}`}>{t(`settings.accountStatus.${account.status}`)}</span>
        </div>
        {mail ? (
          <>
            <div className="account-detail">
              {mail.address} · <span data-testid="account-imap">{t('settings.mail.itemImap', { host: mail.imap.host, port: mail.imap.port })}</span>
            </div>
            <div className="account-detail" data-testid="account-folders">
              {t('settings.mail.itemFolders', { inbox: mail.inboxFolder, sent: mail.sentFolder, state: mail.stateFolder })}
            </div>
            {/* What the team shares and what stays here, stated where the mailbox is listed (issue 8). */}
            <div className="account-detail account-note" data-testid="account-shared">
              {t('settings.mail.sharedHelp', { folder: mail.stateFolder })}
            </div>
          </>
        ) : (
          <div className="account-detail">
            {account.email} · {account.baseUrl}
          </div>
        )}
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
