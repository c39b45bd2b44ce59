import { CheckCircle2, Hourglass, Send, Zap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sendKeysLabel } from '../../ui/keyboard';
import type { SendVariant } from './use-composer-send';

/**
 * Send; send and set pending; send and solve. Each queues one action. With a macro's fields staged
 * and no text, the primary button is "Apply changes" (`applyChanges`): the fields alone.
 */
export function ComposerActions({ canSend, onSend, applyChanges }: { canSend: boolean; onSend: (variant: SendVariant) => void; applyChanges?: { enabled: boolean; run: () => void } | null }) {
  const { t } = useTranslation();
  const keys = sendKeysLabel();
  if (applyChanges) {
    return (
      <div className="composer-actions">
        <button
          type="button"
          className="button primary"
          disabled={!applyChanges.enabled}
          title={`${t('macroApply.applyChanges')} (${keys})`}
          aria-keyshortcuts={keys.startsWith('⌘') ? 'Meta+Enter' : 'Control+Enter'}
          onClick={applyChanges.run}
        >
          <Zap size={14} aria-hidden="true" />
          {t('macroApply.applyChanges')}
        </button>
      </div>
    );
  }
  return (
    <div className="composer-actions">
      <button type="button" className="button" disabled={!canSend} onClick={() => onSend('pending')}>
        <Hourglass size={14} aria-hidden="true" />
        {t('composer.sendAndPending')}
      </button>
      <button type="button" className="button" disabled={!canSend} onClick={() => onSend('solve')}>
        <CheckCircle2 size={14} aria-hidden="true" />
        {t('composer.sendAndSolve')}
      </button>
      <button
        type="button"
        className="button primary"
        disabled={!canSend}
        title={t('composer.sendTitle', { keys })}
        aria-keyshortcuts={keys.startsWith('⌘') ? 'Meta+Enter' : 'Control+Enter'}
        onClick={() => onSend('send')}
      >
        <Send size={14} aria-hidden="true" />
        {t('composer.send')}
      </button>
    </div>
  );
}
