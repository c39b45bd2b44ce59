import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSecretsInput, AccountView, SecretSlot } from '../../../src-shared/contract/models';
import { statusSuffix } from '../sync';
import { codeOf, useSecretHint, type AccountFormResult } from './AccountFormActions';
import { accountProblemKey, problemStatus } from './account-problem';
import { clearSettingsTarget, useSettingsTarget } from './settings-target';
import { useSetAccountSecrets } from './use-account-mutations';

/** Why the account needs its secrets again: the keychain lost them, or the server refused them. */
export type SecretsReason = 'missing' | 'refused';

/** The fields to ask for: what is missing, or (refused) the token or the mailbox password. */
export function secretFields(account: Pick<AccountView, 'kind' | 'missingSecrets'>, reason: SecretsReason): SecretSlot[] {
  if (reason === 'missing' && account.missingSecrets.length > 0) return account.missingSecrets;
  return account.kind === 'email' ? ['password'] : ['token'];
}

function introKey(account: Pick<AccountView, 'kind'>, reason: SecretsReason, fields: readonly SecretSlot[]) {
  if (reason === 'refused') return account.kind === 'email' ? 'settings.secrets.refusedPassword' : 'settings.secrets.refusedToken';
  if (account.kind !== 'email') return 'settings.secrets.missingToken';
  if (fields.length > 1) return 'settings.secrets.missingPasswords';
  return fields[0] === 'smtpPassword' ? 'settings.secrets.missingSmtpPassword' : 'settings.secrets.missingPassword';
}

const FIELD_LABELS = { token: 'settings.apiToken', password: 'settings.mail.password', smtpPassword: 'settings.mail.smtpPassword' } as const;

/**
 * In an account's Settings item, when its token or password is gone from the keychain (or the
 * server refused it): the fields to enter it again, checked by the server before it is kept, in
 * the keychain only. Opened from the status bar, it takes the focus.
 */
export function AccountSecretsForm({ account, reason, onSaved }: { account: AccountView; reason: SecretsReason; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const fields = secretFields(account, reason);
  const [values, setValues] = useState<Partial<Record<SecretSlot, string>>>({});
  const [result, setResult] = useState<AccountFormResult>(null);
  const save = useSetAccountSecrets();
  const secretHint = useSecretHint();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const targeted = useSettingsTarget((s) => s.target?.kind === 'account-secrets' && s.target.accountId === account.id);

  // Asked for from the status bar: into view, the keyboard in the first field.
  useEffect(() => {
    if (!targeted) return;
    formRef.current?.scrollIntoView({ block: 'nearest' });
    firstRef.current?.focus();
    clearSettingsTarget();
  }, [targeted]);

  const kind = account.kind === 'email' ? 'email' : 'zendesk';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const input: AccountSecretsInput = { id: account.id };
    for (const field of fields) {
      const value = values[field] ?? '';
      if (value !== '') input[field] = value;
    }
    if (fields.every((field) => input[field] === undefined)) {
      firstRef.current?.focus();
      return;
    }
    setResult(null);
    try {
      const outcome = await save.mutateAsync(input);
      setValues({});
      // The form goes once the account has what it needs: the item says it was saved.
      onSaved(outcome.checked ? t('settings.secrets.saved') : t('settings.secrets.savedUnchecked'));
    } catch (error) {
      const problem = codeOf(error);
      // A mailbox's refusal comes worded by the mail server: it is the technical text.
      const message = t(accountProblemKey(problem, kind), { status: statusSuffix(problemStatus(problem, null)) });
      setResult({ kind: 'error', text: t('settings.secrets.notSaved', { message }), detail: (error as Error).message });
    }
  };

  return (
    <form ref={formRef} className="account-secrets" onSubmit={onSubmit} noValidate aria-label={t('settings.secrets.formLabel', { account: account.name })} data-testid="account-secrets">
      <p className="account-secrets-intro" id={`${id}-intro`}>
        {t(introKey(account, reason, fields))}
      </p>
      <div className="form-grid">
        {fields.map((field, index) => (
          <Fragment key={field}>
            <label htmlFor={`${id}-${field}`}>{t(FIELD_LABELS[field])}</label>
            <input
              id={`${id}-${field}`}
              ref={index === 0 ? firstRef : undefined}
              type="password"
              value={values[field] ?? ''}
              onChange={(e) => setValues((current) => ({ ...current, [field]: e.target.value }))}
              autoComplete="off"
              aria-describedby={`${id}-intro ${id}-hint`}
            />
          </Fragment>
        ))}
        <span />
        <span id={`${id}-hint`} className="muted small">
          {secretHint}
        </span>
      </div>
      {result ? (
        <div className={`form-result is-${result.kind}`}>
          <p role={result.kind === 'error' ? 'alert' : 'status'}>{result.text}</p>
          {result.detail ? (
            <details className="notice-technical-block form-result-detail">
              <summary>{t('settings.technicalDetails')}</summary>
              <pre className="notice-technical">{result.detail}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('settings.secrets.saving') : t('settings.secrets.save')}
        </button>
      </div>
    </form>
  );
}
