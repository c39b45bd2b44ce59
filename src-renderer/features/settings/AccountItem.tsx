import { useQuery } from '@tanstack/react-query';
import { Headset, Mail } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../src-shared/contract/models';
import { syncStatusQuery } from '../../api';
import { RelativeTime } from '../../ui/RelativeTime';
import { needsSecrets, NoticeItem, openRecordIssues, serverKindOf } from '../sync';
import { AccountSecretsForm, type SecretsReason } from './AccountSecretsForm';
import { RemoveAccountDialog } from './RemoveAccountDialog';

/**
 * One connected helpdesk or mailbox: where, as whom, how it is doing — each sync step not working
 * in words (its technical text behind a disclosure), the records sync skipped — and Remove, which
 * asks first.
 */
export function AccountItem({ account, onRemoved }: { account: AccountView; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [secretsSaved, setSecretsSaved] = useState<string | null>(null);
  const status = useQuery(syncStatusQuery()).data?.find((s) => s.accountId === account.id);
  const mail = account.kind === 'email' ? account.mail : null;
  const KindIcon = account.kind === 'email' ? Mail : Headset;
  const kindLabel = account.kind === 'email' ? t('settings.kindIcon.email') : t('settings.kindIcon.zendesk');
  const notices = status?.notices ?? [];
  const skipped = status?.recordIssues?.skipped ?? 0;
  // A step the helpdesk refuses (the agents list, say) marks the account 'error' in core, yet the
  // rest syncs: the pill says how the account is doing, the notices below say what is missing.
  const shownStatus = account.status === 'error' && status && status.state !== 'error' ? (status.historyComplete ? 'ok' : 'syncing') : account.status;
  // Its token or password is gone from the keychain, or the server refused it: entered again here.
  const secretsReason: SecretsReason | null =
    account.missingSecrets.length > 0 ? 'missing' : notices.some((n) => needsSecrets(n) && n.severity === 'error') ? 'refused' : null;

  return (
    <li className="account" data-account-kind={account.kind} data-account-id={account.id}>
      <div className="account-main">
        <div className="account-title">
          <KindIcon size={15} className="account-kind-icon" role="img" aria-label={kindLabel}>
            <title>{kindLabel}</title>
          </KindIcon>
          <span className="account-name">{account.name}</span>
          <span className={`account-status status-${shownStatus}`}>{t(`settings.accountStatus.${shownStatus}`)}</span>
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
        {notices.length > 0 ? (
          <ul className="notice-list account-notices" aria-label={t('settings.noticesLabel', { account: account.name })} data-testid="account-notices">
            {notices.map((notice, index) => (
              <NoticeItem key={`${index}:${notice.step}:${notice.problem}`} notice={notice} server={serverKindOf(account.kind)} technical="disclosure" />
            ))}
          </ul>
        ) : account.lastError ? (
          // No live status for it (its sync is not running): core's last words, behind a disclosure.
          <details className="notice-technical-block account-last-error">
            <summary>{t('settings.technicalDetails')}</summary>
            <pre className="notice-technical">{account.lastError}</pre>
          </details>
        ) : null}
        {secretsReason ? (
          <AccountSecretsForm account={account} reason={secretsReason} onSaved={setSecretsSaved} />
        ) : secretsSaved ? (
          <p className="form-result is-ok" role="status" data-testid="account-secrets-saved">
            {secretsSaved}
          </p>
        ) : null}
        {skipped > 0 ? (
          <button type="button" className="link-button account-skipped" data-testid="records-skipped" title={t('sync.skippedTitle')} onClick={() => openRecordIssues(account.id)}>
            {t('sync.skipped', { count: skipped })}
          </button>
        ) : null}
      </div>
      <button type="button" className="button danger-outline" onClick={() => setConfirming(true)} aria-haspopup="dialog">
        {t('settings.remove')}
      </button>
      {confirming ? <RemoveAccountDialog account={account} onClose={() => setConfirming(false)} onRemoved={onRemoved} /> : null}
    </li>
  );
}
