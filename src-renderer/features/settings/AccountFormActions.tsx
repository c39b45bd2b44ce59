import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountInput } from '../../../src-shared/contract/models';
import { appInfoQuery, BridgeError } from '../../api';
import { statusSuffix } from '../sync';
import { accountProblemKey, problemStatus } from './account-problem';
import { useAddAccount, useTestAccount } from './use-account-mutations';

/** What the form says under its fields; a refusal keeps core's technical text for its details. */
export type AccountFormResult = { kind: 'ok' | 'error'; text: string; detail?: string } | null;

/** The input to send, or what is wrong with the form (shown in the alert). */
export type Validation = { input: AccountInput } | { error: string };

/** Where secrets go, once core has told us (a memory store forgets them on exit); null until then. */
export function useSecretHint(): string | null {
  const { t } = useTranslation();
  const secretStore = useQuery(appInfoQuery()).data?.secretStore;
  return secretStore === 'memory' ? t('settings.tokenHintMemory') : secretStore === 'keychain' ? t('settings.tokenHint') : null;
}

/** The problem code of a failed call (errors from core carry one; a dropped connection none). */
export function codeOf(error: unknown): string | undefined {
  return error instanceof BridgeError ? error.code : undefined;
}

/** Test and Add for either kind of account: the same buttons, results and alerts. */
export function useAccountFormActions(validate: () => Validation, onAdded: () => void) {
  const { t } = useTranslation();
  const [result, setResult] = useState<AccountFormResult>(null);
  const test = useTestAccount();
  const add = useAddAccount();

  /** "the helpdesk refused the e-mail or API token (401)." */
  const reason = (kind: AccountInput['kind'], problem: string | undefined, status: number | null) =>
    t(accountProblemKey(problem, kind), { status: statusSuffix(problemStatus(problem, status)) });

  const validated = (): AccountInput | null => {
    const outcome = validate();
    if ('input' in outcome) return outcome.input;
    setResult({ kind: 'error', text: outcome.error });
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
          ? {
              kind: 'ok',
              // A mailbox proves its servers, not who I am (that I typed): say which mailbox answered.
              text:
                input.kind === 'email'
                  ? t('settings.mail.testOk', { address: input.address })
                  : t('settings.testOk', { name: outcome.agentEmail ? `${outcome.agentName} <${outcome.agentEmail}>` : outcome.agentName }),
            }
          : { kind: 'error', text: t('settings.testFailed', { message: reason(input.kind, outcome.problem, outcome.status) }), detail: outcome.error },
      );
    } catch (error) {
      setResult({ kind: 'error', text: t('settings.testFailed', { message: reason(input.kind, codeOf(error), null) }), detail: (error as Error).message });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const input = validated();
    if (!input) return;
    setResult(null);
    try {
      await add.mutateAsync(input);
      onAdded();
      setResult({ kind: 'ok', text: t('settings.added') });
    } catch (error) {
      // Core words nothing for the agent: its code says what happened (AccountRefusedError), its message how.
      setResult({ kind: 'error', text: t('settings.addFailed', { message: reason(input.kind, codeOf(error), null) }), detail: (error as Error).message });
    }
  };

  return { result, clearResult: () => setResult(null), onTest, onSubmit, testing: test.isPending, adding: add.isPending };
}

/** The result line and the two buttons under an add form. */
export function AccountFormFooter({ actions }: { actions: ReturnType<typeof useAccountFormActions> }) {
  const { t } = useTranslation();
  const { result, testing, adding, onTest } = actions;
  const busy = testing || adding;
  return (
    <>
      {result ? (
        <div className={`form-result is-${result.kind}`}>
          <p role={result.kind === 'error' ? 'alert' : 'status'}>{result.text}</p>
          {result.detail ? (
            <details className="notice-technical-block form-result-detail">
              <summary>{t('settings.technicalDetails')}</summary>
              <pre className="notice-technical" data-testid="account-form-technical">
                {result.detail}
              </pre>
            </details>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onTest} disabled={busy}>
          {testing ? t('settings.testing') : t('settings.testConnection')}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {adding ? t('settings.adding') : t('settings.add')}
        </button>
      </div>
    </>
  );
}
