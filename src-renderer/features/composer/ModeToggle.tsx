import { Lock, Reply } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ComposerMode } from './composer-store';

/** Reply to the customer, or an internal note for the team: two toggle buttons, one pressed. */
export function ModeToggle({ mode, disabled, onChange }: { mode: ComposerMode; disabled: boolean; onChange: (mode: ComposerMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="mode-toggle" role="group" aria-label={t('composer.modeLabel')}>
      <button type="button" className="mode-button is-reply" aria-pressed={mode === 'reply'} disabled={disabled} onClick={() => onChange('reply')}>
        <Reply size={14} aria-hidden="true" />
        {t('composer.reply')}
      </button>
      <button type="button" className="mode-button is-note" aria-pressed={mode === 'note'} disabled={disabled} onClick={() => onChange('note')}>
        <Lock size={13} aria-hidden="true" />
        {t('composer.note')}
      </button>
    </div>
  );
}
