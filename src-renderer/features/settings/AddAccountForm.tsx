import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountInputSchema, type AccountInput } from '../../../src-shared/contract/models';
import { appInfoQuery } from '../../api';
import { useAddAccount, useTestAccount } from './use-account-mutations';

type Result = { kind: 'ok' | 'error'; text: string } | null;

/** Connect a helpdesk: test the credentials first if you like, then add. */
export function AddAccountForm() {
  const { t } = useTranslation();
  const [baseUrl, setBaseUrl] = useState('');
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const [result, setResult] = useState<Result>(null);
  const test = useTestAccount();
  const add = useAddAccount();
  // Say where the token goes only once core has told us: a memory store forgets it on exit.
  const secretStore = useQuery(appInfoQuery()).data?.secretStore;
  const ids = { url: useId(), email: useId(), token: useId(), hint: useId() };

  /** The contract's own schema checks the fields, so the messages match what core would say. */
  const validated = (): AccountInput | null => {
    const parsed = accountInputSchema.safeParse({ kind: 'zendesk', baseUrl: baseUrl.trim(), email: email.trim(), token });
    if (parsed.success) return parsed.data;
    const labels: Record<string, string> = { baseUrl: t('settings.helpdeskUrl'), email: t('settings.email'), token: t('settings.apiToken') };
    const issue = parsed.error.issues[0];
    const field = labels[String(issue?.path[0])] ?? '';
    setResult({ kind: 'error', text: `${field}${field ? ': ' : ''}${issue?.message ?? ''}` });
    return null;
  };

  const onTest = async () => {
    const input = validated();
    if (!input) return;
    setResult(null);
    try {
      const outcome = await test.mutateAsync(input);
      setResult(
        outcome.ok
          ? { kind: 'ok', text: t('settings.testOk', { name: outcome.agentEmail ? `${outcome.agentName} <${outcome.agentEmail}>` : outcome.agentName }) }
          : { kind: 'error', text: t('settings.testFailed', { message: outcome.error }) },
      );
    } catch (error) {
      setResult({ kind: 'error', text: t('settings.testFailed', { message: (error as Error).message }) });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const input = validated();
    if (!input) return;
    setResult(null);
    try {
      await add.mutateAsync(input);
      setBaseUrl('');
      setEmail('');
      setToken('');
      setResult({ kind: 'ok', text: t('settings.added') });
    } catch (error) {
      setResult({ kind: 'error', text: t('settings.addFailed', { message: (error as Error).message }) });
    }
  };

  const busy = test.isPending || add.isPending;
  return (
    <form className="add-account" onSubmit={onSubmit} noValidate>
      <h4>{t('settings.addAccount')}</h4>
      <div className="form-grid">
        <label htmlFor={ids.url}>{t('settings.helpdeskUrl')}</label>
        <input id={ids.url} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder={t('settings.helpdeskUrlPlaceholder')} autoComplete="url" spellCheck={false} />
        <label htmlFor={ids.email}>{t('settings.email')}</label>
        <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" spellCheck={false} />
        <label htmlFor={ids.token}>{t('settings.apiToken')}</label>
        <input id={ids.token} type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" aria-describedby={ids.hint} />
        <span />
        <span id={ids.hint} className="muted small">
          {secretStore === 'memory' ? t('settings.tokenHintMemory') : secretStore === 'keychain' ? t('settings.tokenHint') : null}
        </span>
      </div>
      {result ? (
        <p className={`form-result is-${result.kind}`} role={result.kind === 'error' ? 'alert' : 'status'}>
          {result.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onTest} disabled={busy}>
          {test.isPending ? t('settings.testing') : t('settings.testConnection')}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {add.isPending ? t('settings.adding') : t('settings.add')}
        </button>
      </div>
    </form>
  );
}
