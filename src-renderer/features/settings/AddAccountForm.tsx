import { Headset, Mail } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountInputSchema } from '../../../src-shared/contract/models';
import { AccountFormFooter, useAccountFormActions, useSecretHint, type Validation } from './AccountFormActions';
import { AddMailAccountForm } from './AddMailAccountForm';

type AccountKind = 'zendesk' | 'email';

/** Add an account: a helpdesk (Zendesk-style) or a shared support mailbox (IMAP + SMTP). */
export function AddAccountForm() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AccountKind>('zendesk');
  const headingId = useId();
  const typeId = useId();
  const kinds: { value: AccountKind; label: string; Icon: typeof Mail }[] = [
    { value: 'zendesk', label: t('settings.kindHelpdesk'), Icon: Headset },
    { value: 'email', label: t('settings.kindMail'), Icon: Mail },
  ];
  return (
    <div className="add-account">
      <h4 id={headingId}>{t('settings.addAccount')}</h4>
      <fieldset className="account-kind" role="radiogroup" aria-labelledby={typeId}>
        <legend id={typeId} className="account-kind-legend">
          {t('settings.accountType')}
        </legend>
        <div className="segmented">
          {kinds.map(({ value, label, Icon }) => (
            <label key={value} className={`segmented-option${kind === value ? ' is-checked' : ''}`}>
              <input type="radio" name={`${typeId}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
              <Icon size={14} aria-hidden="true" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'zendesk' ? <AddHelpdeskForm labelledBy={headingId} /> : <AddMailAccountForm labelledBy={headingId} />}
    </div>
  );
}

/** Connect a helpdesk: test the credentials first if you like, then add. */
function AddHelpdeskForm({ labelledBy }: { labelledBy: string }) {
  const { t } = useTranslation();
  const [baseUrl, setBaseUrl] = useState('');
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const secretHint = useSecretHint();
  const ids = { url: useId(), email: useId(), token: useId(), hint: useId() };

  /** The contract's own schema checks the fields, so the messages match what core would say. */
  const validate = (): Validation => {
    const parsed = accountInputSchema.safeParse({ kind: 'zendesk', baseUrl: baseUrl.trim(), email: email.trim(), token });
    if (parsed.success) return { input: parsed.data };
    const labels: Record<string, string> = { baseUrl: t('settings.helpdeskUrl'), email: t('settings.email'), token: t('settings.apiToken') };
    const issue = parsed.error.issues[0];
    const field = labels[String(issue?.path[0])] ?? '';
    return { error: `${field}${field ? ': ' : ''}${issue?.message ?? ''}` };
  };

  const actions = useAccountFormActions(validate, () => {
    setBaseUrl('');
    setEmail('');
    setToken('');
  });

  return (
    <form className="add-account-form" onSubmit={actions.onSubmit} noValidate aria-labelledby={labelledBy}>
      <div className="form-grid">
        <label htmlFor={ids.url}>{t('settings.helpdeskUrl')}</label>
        <input id={ids.url} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder={t('settings.helpdeskUrlPlaceholder')} autoComplete="url" spellCheck={false} />
        <label htmlFor={ids.email}>{t('settings.email')}</label>
        <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" spellCheck={false} />
        <label htmlFor={ids.token}>{t('settings.apiToken')}</label>
        <input id={ids.token} type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" aria-describedby={ids.hint} />
        <span />
        <span id={ids.hint} className="muted small">
          {secretHint}
        </span>
      </div>
      <AccountFormFooter actions={actions} />
    </form>
  );
}
