import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceSettingsView } from '../../../src-shared/contract/models';
import { appInfoQuery, useSavePresenceSettings } from '../../api';
import {
  fieldProblems,
  initialPresenceForm,
  PRESENCE_FIELDS,
  passwordLeftBehind,
  presenceSettingsInput,
  presenceSettingsProblems,
  removePasswordInput,
  sentence,
  type PresenceField,
  type PresenceFormValues,
} from './presence-settings-logic';
import { clearSettingsTarget, useSettingsTarget } from './settings-target';

type Result = { kind: 'ok'; text: string } | { kind: 'error'; text: string; fields: Partial<Record<PresenceField, string>>; unmapped: boolean } | null;

/**
 * Broker URL, username, workspace and a write-only password. The saved password is never shown:
 * core only says whether there is one, and where it lives (keychain or this run's memory), and
 * whether one saved before is gone from it (then presence waits for it to be entered again).
 */
export function PresenceSettingsForm({ saved }: { saved: PresenceSettingsView | null }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PresenceFormValues>(() => initialPresenceForm(saved));
  const [result, setResult] = useState<Result>(null);
  const save = useSavePresenceSettings();
  const removePassword = useSavePresenceSettings();
  const secretStore = useQuery(appInfoQuery()).data?.secretStore;
  const id = useId();
  const ids = {
    brokerUrl: `${id}-url`,
    username: `${id}-user`,
    workspace: `${id}-ws`,
    password: `${id}-pw`,
    passwordState: `${id}-pw-state`,
    passwordLeft: `${id}-pw-left`,
    passwordMissing: `${id}-pw-missing`,
  };
  const problems = result?.kind === 'error' ? result.fields : {};
  const busy = save.isPending || removePassword.isPending;
  const passwordRef = useRef<HTMLInputElement>(null);
  const targeted = useSettingsTarget((s) => s.target?.kind === 'presence-password');
  // Asked for from the status bar (the password is missing): the keyboard goes to the password.
  useEffect(() => {
    if (!targeted) return;
    passwordRef.current?.scrollIntoView({ block: 'nearest' });
    passwordRef.current?.focus();
    clearSettingsTarget();
  }, [targeted]);

  const edit = (field: keyof PresenceFormValues, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    // The marked field is being fixed: its message goes, the others stay until the next Save.
    if (result?.kind === 'error' && field !== 'password' && result.fields[field]) {
      const { [field]: _fixed, ...rest } = result.fields;
      // Once every marked field is being fixed, "not saved: check …" has said what it had to.
      setResult(Object.keys(rest).length === 0 && !result.unmapped ? null : { ...result, fields: rest });
    } else if (result?.kind === 'ok') setResult(null);
  };

  const failed = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const list = presenceSettingsProblems(message);
    const fields = fieldProblems(list);
    const unmapped = list.filter((p) => p.field === null).map((p) => p.message);
    const labels = Object.keys(fields).map((field) => t(`settings.presence.${field as PresenceField}`));
    const text =
      unmapped.length > 0
        ? t('settings.presence.notSaved', { message: unmapped.join('; ') })
        : t('settings.presence.notSavedFields', { fields: labels.join(', ') });
    setResult({ kind: 'error', text, fields, unmapped: unmapped.length > 0 });
    // The keyboard goes where the fix is: the first field core complained about.
    const first = PRESENCE_FIELDS.find((name) => fields[name] !== undefined);
    if (first) document.getElementById(ids[first])?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    try {
      const view = await save.mutateAsync(presenceSettingsInput(form));
      setForm(initialPresenceForm(view));
      setResult({ kind: 'ok', text: t('settings.presence.saved') });
    } catch (error) {
      failed(error);
    }
  };

  const onRemovePassword = async () => {
    if (!saved) return;
    setResult(null);
    try {
      await removePassword.mutateAsync(removePasswordInput(saved));
      setForm((current) => ({ ...current, password: '' }));
      setResult({ kind: 'ok', text: t('settings.presence.passwordRemoved') });
    } catch (error) {
      failed(error);
    }
  };

  const hasPassword = saved?.hasPassword ?? false;
  const leftBehind = passwordLeftBehind(saved, form);
  const passwordState = hasPassword
    ? secretStore === 'memory'
      ? t('settings.presence.passwordSavedMemory')
      : secretStore === 'keychain'
        ? t('settings.presence.passwordSavedKeychain')
        : t('settings.presence.passwordSaved')
    : secretStore === 'memory'
      ? t('settings.presence.passwordNoneMemory')
      : secretStore === 'keychain'
        ? t('settings.presence.passwordNoneKeychain')
        : t('settings.presence.passwordNone');

  const field = (name: PresenceField, options: { type: 'text' | 'url'; placeholder: string; hint: string; autoComplete: string }) => {
    const errorId = `${ids[name]}-error`;
    const hintId = `${ids[name]}-hint`;
    const problem = problems[name];
    return (
      <>
        <label htmlFor={ids[name]}>{t(`settings.presence.${name}`)}</label>
        <input
          id={ids[name]}
          type={options.type}
          value={form[name]}
          onChange={(e) => edit(name, e.target.value)}
          placeholder={options.placeholder}
          autoComplete={options.autoComplete}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : hintId}
        />
        <span />
        {/* Core's complaint replaces the hint while it stands (it says the same rule, more precisely). */}
        <span className="field-notes">
          {problem ? (
            <span id={errorId} className="field-error" data-testid="presence-field-error" data-field={name}>
              {sentence(problem)}
            </span>
          ) : (
            <span id={hintId} className="muted small">
              {options.hint}
            </span>
          )}
        </span>
      </>
    );
  };

  return (
    <form className="presence-settings" onSubmit={onSubmit} noValidate>
      {saved?.passwordMissing ? (
        <p className="presence-password-missing" role="status" id={ids.passwordMissing} data-testid="presence-password-missing">
          {t('settings.presence.passwordMissing')}
        </p>
      ) : null}
      <div className="form-grid">
        {field('brokerUrl', { type: 'url', placeholder: 'mqtts://broker.example.com:8883', hint: t('settings.presence.brokerUrlHint'), autoComplete: 'off' })}
        {field('username', { type: 'text', placeholder: t('settings.presence.usernamePlaceholder'), hint: t('settings.presence.usernameHint'), autoComplete: 'off' })}
        {field('workspace', { type: 'text', placeholder: 'support', hint: t('settings.presence.workspaceHint'), autoComplete: 'off' })}
        <label htmlFor={ids.password}>{t('settings.presence.password')}</label>
        <input
          id={ids.password}
          ref={passwordRef}
          type="password"
          value={form.password}
          onChange={(e) => edit('password', e.target.value)}
          placeholder={hasPassword ? t('settings.presence.passwordPlaceholderSaved') : t('settings.presence.passwordPlaceholderNone')}
          autoComplete="new-password"
          aria-describedby={[saved?.passwordMissing ? ids.passwordMissing : null, ids.passwordState, leftBehind ? ids.passwordLeft : null].filter(Boolean).join(' ')}
        />
        <span />
        <span className="field-notes">
          <span className="password-state">
            <span id={ids.passwordState} className="muted small" data-testid="presence-password-state" data-saved={hasPassword}>
              {passwordState}
            </span>
            {hasPassword ? (
              <button type="button" className="button small danger-outline" onClick={onRemovePassword} disabled={busy}>
                {removePassword.isPending ? t('settings.presence.removingPassword') : t('settings.presence.removePassword')}
              </button>
            ) : null}
          </span>
          {leftBehind ? (
            <span id={ids.passwordLeft} className="field-warning small">
              {t('settings.presence.passwordLeftBehind')}
            </span>
          ) : null}
        </span>
      </div>
      {result ? (
        <p className={`form-result is-${result.kind}`} role={result.kind === 'error' ? 'alert' : 'status'} data-testid="presence-save-result">
          {result.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {save.isPending ? t('settings.presence.saving') : t('settings.presence.save')}
        </button>
      </div>
    </form>
  );
}
