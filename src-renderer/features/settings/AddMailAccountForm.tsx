import { useId, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_SECURITY, type MailSecurity } from '../../../src-shared/contract/models';
import { AccountFormFooter, useAccountFormActions, useSecretHint, type Validation } from './AccountFormActions';
import {
  checkMailForm,
  DEFAULT_FOLDERS,
  initialMailForm,
  shownImapUser,
  shownSmtpHost,
  shownSmtpUser,
  withSecurity,
  type MailAccountForm,
  type MailField,
  type MailFieldProblem,
  type MailProtocol,
} from './mail-account-form';

type Problems = Partial<Record<MailField, string>>;

/**
 * Connect a shared support mailbox: who replies go out as, who I am to the team, the IMAP and SMTP
 * servers, and the folders. Checked with the contract's schema; each problem shows under its field.
 */
export function AddMailAccountForm({ labelledBy }: { labelledBy: string }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<MailAccountForm>(initialMailForm);
  const [problems, setProblems] = useState<Problems>({});
  const secretHint = useSecretHint();
  const ids = { secretHint: useId(), agentHint: useId(), noneHint: useId(), help: useId() };

  const labels: Record<MailField, string> = {
    address: t('settings.mail.address'),
    agentName: t('settings.mail.agentName'),
    agentEmail: t('settings.mail.agentEmail'),
    name: t('settings.mail.name'),
    imapHost: t('settings.mail.imapHost'),
    imapPort: t('settings.mail.imapPort'),
    imapSecurity: t('settings.mail.imapSecurity'),
    imapUser: t('settings.mail.imapUser'),
    smtpHost: t('settings.mail.smtpHost'),
    smtpPort: t('settings.mail.smtpPort'),
    smtpSecurity: t('settings.mail.smtpSecurity'),
    smtpUser: t('settings.mail.smtpUser'),
    password: t('settings.mail.password'),
    smtpPassword: t('settings.mail.smtpPassword'),
    inboxFolder: t('settings.mail.inboxFolder'),
    sentFolder: t('settings.mail.sentFolder'),
    stateFolder: t('settings.mail.stateFolder'),
  };
  const problemText = (problem: MailFieldProblem) => (problem.kind === 'port' ? t('settings.mail.portProblem') : problem.message);

  const validate = (): Validation => {
    const check = checkMailForm(form);
    if (check.ok) {
      setProblems({});
      return { input: check.input };
    }
    setProblems(Object.fromEntries(check.problems.map((p) => [p.field, problemText(p)])));
    return { error: t('settings.mail.checkFields', { problems: check.problems.map((p) => `${labels[p.field]}: ${problemText(p)}`).join('; ') }) };
  };

  const actions = useAccountFormActions(validate, () => {
    setForm(initialMailForm());
    setProblems({});
  });

  /** Editing a field clears its problem (and the ones of fields that follow it). */
  const update = (patch: Partial<MailAccountForm>, ...cleared: MailField[]) => {
    setForm((current) => ({ ...current, ...patch }));
    const fields = [...(Object.keys(patch) as MailField[]), ...cleared];
    if (fields.some((f) => problems[f] !== undefined)) {
      setProblems((current) => Object.fromEntries(Object.entries(current).filter(([f]) => !fields.includes(f as MailField))));
    }
  };
  const setSecurity = (protocol: MailProtocol, security: MailSecurity) => {
    setForm((current) => withSecurity(current, protocol, security));
    setProblems((current) => {
      const { [`${protocol}Port` as MailField]: _port, ...rest } = current;
      return rest;
    });
  };

  const field = (name: MailField, value: string, onChange: (value: string) => void, props: InputHTMLAttributes<HTMLInputElement> = {}, hintId?: string) => (
    <TextField name={name} label={labels[name]} value={value} onChange={onChange} problem={problems[name]} hintId={hintId} inputProps={props} />
  );
  const securitySelect = (protocol: MailProtocol) => {
    const name: MailField = protocol === 'imap' ? 'imapSecurity' : 'smtpSecurity';
    const value = protocol === 'imap' ? form.imapSecurity : form.smtpSecurity;
    return (
      <SelectField name={name} label={labels[name]} value={value} onChange={(v) => setSecurity(protocol, v)} hintId={value === 'none' ? ids.noneHint : undefined}>
        {MAIL_SECURITY.map((s) => (
          <option key={s} value={s}>
            {t(`settings.mail.security.${s}`)}
          </option>
        ))}
      </SelectField>
    );
  };

  const noSecurity = form.imapSecurity === 'none' || form.smtpSecurity === 'none';
  const stateFolder = form.stateFolder.trim() || DEFAULT_FOLDERS.stateFolder;

  return (
    <form className="add-account-form mail-account-form" onSubmit={actions.onSubmit} noValidate aria-labelledby={labelledBy} aria-describedby={ids.help}>
      <div className="form-grid">
        {field('address', form.address, (v) => update({ address: v }, ...(form.imapUser === null ? (['imapUser'] as const) : []), ...(form.smtpUser === null ? (['smtpUser'] as const) : [])), {
          type: 'email',
          autoComplete: 'email',
          placeholder: t('settings.mail.addressPlaceholder'),
        })}
        {field('agentName', form.agentName, (v) => update({ agentName: v }), { autoComplete: 'name' }, ids.agentHint)}
        {field('agentEmail', form.agentEmail, (v) => update({ agentEmail: v }), { type: 'email', autoComplete: 'email' }, ids.agentHint)}
        <span />
        <span id={ids.agentHint} className="muted small">
          {t('settings.mail.agentHint')}
        </span>
        {field('name', form.name, (v) => update({ name: v }), { autoComplete: 'off', placeholder: t('settings.mail.namePlaceholder') })}
      </div>

      <fieldset className="mail-fieldset">
        <legend>{t('settings.mail.servers')}</legend>
        <div className="form-grid">
          {field('imapHost', form.imapHost, (v) => update({ imapHost: v }, ...(form.smtpHost === null ? (['smtpHost'] as const) : [])), { placeholder: 'imap.example.com', autoComplete: 'off' })}
          {field('imapPort', form.imapPort, (v) => update({ imapPort: v }), { inputMode: 'numeric', autoComplete: 'off', className: 'port-input' })}
          {securitySelect('imap')}
          {field('imapUser', shownImapUser(form), (v) => update({ imapUser: v }, ...(form.smtpUser === null ? (['smtpUser'] as const) : [])), { autoComplete: 'off' })}
          {field('password', form.password, (v) => update({ password: v }), { type: 'password', autoComplete: 'off' }, ids.secretHint)}
          <span />
          <span id={ids.secretHint} className="muted small">
            {secretHint}
          </span>
          {field('smtpHost', shownSmtpHost(form), (v) => update({ smtpHost: v }), { placeholder: 'smtp.example.com', autoComplete: 'off' })}
          {field('smtpPort', form.smtpPort, (v) => update({ smtpPort: v }), { inputMode: 'numeric', autoComplete: 'off', className: 'port-input' })}
          {securitySelect('smtp')}
          {field('smtpUser', shownSmtpUser(form), (v) => update({ smtpUser: v }), { autoComplete: 'off' })}
          {field('smtpPassword', form.smtpPassword, (v) => update({ smtpPassword: v }), { type: 'password', autoComplete: 'off', placeholder: t('settings.mail.smtpPasswordPlaceholder') }, ids.secretHint)}
          {noSecurity ? (
            <>
              <span />
              <span id={ids.noneHint} className="small field-warning">
                {t('settings.mail.noneHint')}
              </span>
            </>
          ) : null}
        </div>
      </fieldset>

      <details className="mail-folders" open>
        <summary>{t('settings.mail.folders')}</summary>
        <fieldset className="mail-fieldset">
          <legend className="visually-hidden">{t('settings.mail.folders')}</legend>
          <div className="form-grid">
            {field('inboxFolder', form.inboxFolder, (v) => update({ inboxFolder: v }), { autoComplete: 'off', placeholder: DEFAULT_FOLDERS.inboxFolder })}
            {field('sentFolder', form.sentFolder, (v) => update({ sentFolder: v }), { autoComplete: 'off', placeholder: DEFAULT_FOLDERS.sentFolder })}
            {field('stateFolder', form.stateFolder, (v) => update({ stateFolder: v }), { autoComplete: 'off', placeholder: DEFAULT_FOLDERS.stateFolder })}
          </div>
        </fieldset>
      </details>

      <AccountFormFooter actions={actions} />
      <p id={ids.help} className="muted small mail-shared-help">
        {t('settings.mail.sharedHelp', { folder: stateFolder })}
      </p>
    </form>
  );
}

/** A label and input in the form grid; its problem (if any) below it, describing it. */
function TextField({
  name,
  label,
  value,
  onChange,
  problem,
  hintId,
  inputProps,
}: {
  name: MailField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
  hintId: string | undefined;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
}) {
  const id = useId();
  const errorId = useId();
  const describedBy = [problem !== undefined ? errorId : null, hintId ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        type="text"
        spellCheck={false}
        {...inputProps}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem !== undefined ? true : undefined}
        aria-describedby={describedBy}
        data-field={name}
      />
      {problem !== undefined ? <FieldProblem id={errorId} name={name} text={problem} /> : null}
    </>
  );
}

function SelectField({
  name,
  label,
  value,
  onChange,
  hintId,
  children,
}: {
  name: MailField;
  label: string;
  value: MailSecurity;
  onChange: (value: MailSecurity) => void;
  hintId: string | undefined;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MailSecurity)} aria-describedby={hintId} data-field={name}>
        {children}
      </select>
    </>
  );
}

function FieldProblem({ id, name, text }: { id: string; name: MailField; text: string }) {
  return (
    <>
      <span />
      <span id={id} className="field-error" data-testid="mail-field-error" data-field={name}>
        {text}
      </span>
    </>
  );
}
