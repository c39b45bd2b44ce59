import { useQueries, useQuery } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../src-shared/contract/models';
import { accountsQuery, caseDetailQuery, outboxListQuery, syncStatusQuery } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { useFormatters } from '../../ui/use-formatters';
import { useRemoveAccount } from './use-account-mutations';

/** Beyond this many cases with queued changes, the outbox is not sorted by account (it says so generically). */
const MAX_CASES_TO_CHECK = 50;

/**
 * How many outbox changes belong to the account: with one account, all of them; with several, the
 * account of each case with a queued change (read once per case, cached with the case). null while
 * unknown (counting, too many cases, or a case that could not be read).
 */
function useOutboxCountFor(accountId: number): number | null {
  const accounts = useQuery(accountsQuery()).data;
  const outbox = useQuery(outboxListQuery()).data;
  const several = (accounts?.length ?? 0) > 1;
  const caseIds = several && outbox ? [...new Set(outbox.map((item) => item.caseId))] : [];
  const tooMany = caseIds.length > MAX_CASES_TO_CHECK;
  const cases = useQueries({ queries: tooMany ? [] : caseIds.map((id) => caseDetailQuery(id)) });
  if (!outbox || !accounts) return null;
  if (!several) return outbox.length;
  if (tooMany || cases.some((c) => c.data === undefined)) return null;
  const ofAccount = new Set(cases.flatMap((c) => (c.data && c.data.accountId === accountId ? [c.data.id] : [])));
  return outbox.filter((item) => ofAccount.has(item.caseId)).length;
}

/**
 * Asks before removing an account: names it, lists what goes from this computer (its cached cases
 * and messages, changes still in the outbox, drafts, its saved secret) and says the helpdesk itself
 * is not changed. Cancel has the focus; Escape cancels; "Remove account" is the destructive choice.
 */
export function RemoveAccountDialog({ account, onClose, onRemoved }: { account: AccountView; onClose: () => void; onRemoved: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const descriptionId = useId();
  const remove = useRemoveAccount();
  const status = useQuery(syncStatusQuery()).data?.find((s) => s.accountId === account.id);
  const outboxCount = useOutboxCountFor(account.id);
  const outbox = useQuery(outboxListQuery());
  const mail = account.kind === 'email';

  const cached = status
    ? t('settings.removeCached', {
        cases: t('settings.removeCases', { count: status.cases.done, n: format.integer(status.cases.done) }),
        messages: t('sync.messagesDone', { count: status.messages.done, n: format.integer(status.messages.done) }),
      })
    : t('settings.removeCachedUnknown');
  // Nothing waiting is good news, not something deleted: it is said after the list.
  const queued =
    outboxCount === null
      ? outbox.isPending
        ? t('settings.removeOutboxCounting')
        : t('settings.removeOutboxUnknown')
      : outboxCount === 0
        ? null
        : t('settings.removeOutbox', { count: outboxCount });

  const confirm = () =>
    remove.mutate(account.id, {
      onSuccess: () => {
        onClose();
        onRemoved();
      },
    });

  return (
    <Dialog
      title={t('settings.removeTitle', { name: account.name })}
      onClose={onClose}
      role="alertdialog"
      describedBy={descriptionId}
      initialFocus={cancelRef}
      className="remove-account-dialog"
      testId="remove-account-dialog"
    >
      <div id={descriptionId}>
        <p>{t('settings.removeLead')}</p>
        <ul className="remove-account-list">
          <li data-testid="remove-cached">{cached}</li>
          {queued ? (
            <li data-testid="remove-outbox" className={outboxCount ? 'is-loss' : undefined}>
              {queued}
            </li>
          ) : null}
          <li>{t('settings.removeDrafts')}</li>
          <li>{mail ? t('settings.removeSecretMail') : t('settings.removeSecret')}</li>
        </ul>
        {outboxCount === 0 ? (
          <p className="remove-account-kept" data-testid="remove-outbox">
            {t('settings.removeOutboxNone')}
          </p>
        ) : null}
        <p className="remove-account-kept">{mail ? t('settings.removeKeptMail') : t('settings.removeKept')}</p>
      </div>
      {remove.isError ? (
        <p className="form-result is-error" role="alert">
          {t('settings.removeFailed', { message: remove.error.message })}
        </p>
      ) : null}
      <div className="form-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onClose}>
          {t('settings.removeCancel')}
        </button>
        <button type="button" className="button danger" onClick={confirm} disabled={remove.isPending}>
          <Trash2 size={14} aria-hidden="true" />
          {remove.isPending ? t('settings.removing') : t('settings.removeConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
