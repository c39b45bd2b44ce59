import { Copy, Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MacroView } from '../../../../src-shared/contract/macros';
import { useMacroManager } from './macro-manager-store';

/** A macro from the helpdesk: shown as it is (read-only), with "Duplicate as personal" to make an editable copy. */
export function SharedMacroView({ macro, onDuplicate, duplicating }: { macro: MacroView; onDuplicate: () => void; duplicating: boolean }) {
  const { t } = useTranslation();
  const notice = useMacroManager((s) => s.notice);
  return (
    <div className="medit-shared" data-testid="macro-shared-view">
      <p className="medit-readonly-note">
        <Lock size={14} aria-hidden="true" />
        <span>{t('macroEditor.readOnly')}</span>
      </p>
      <dl className="medit-shared-fields">
        <dt>{t('macroEditor.titleLabel')}</dt>
        <dd className="medit-shared-title">{macro.title}</dd>
        <dt>{t('macroEditor.sendAs')}</dt>
        <dd>{macro.bodyPublic ? t('macroEditor.reply') : t('macroEditor.note')}</dd>
        <dt>{t('macroEditor.textLabel')}</dt>
        <dd>{macro.body.trim() === '' ? <span className="muted">{t('macroEditor.noText')}</span> : <pre className="medit-shared-text">{macro.body}</pre>}</dd>
      </dl>
      {notice ? (
        <p className={`medit-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="macro-notice">
          {notice.text}
        </p>
      ) : null}
      <div className="medit-form-footer">
        <span className="medit-footer-spacer" />
        <div className="medit-form-buttons">
          <button type="button" className="button primary" onClick={onDuplicate} disabled={duplicating}>
            <Copy size={14} aria-hidden="true" />
            {t('macroEditor.duplicate')}
          </button>
        </div>
      </div>
    </div>
  );
}
