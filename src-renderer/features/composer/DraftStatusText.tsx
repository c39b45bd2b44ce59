import { Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { draftStatus, type ComposerEntry } from './composer-store';

/**
 * "Draft saved" once core holds what is typed. Not a live region: it changes with every keystroke;
 * only a failure to save is announced.
 */
export function DraftStatusText({ entry, loadFailed }: { entry: ComposerEntry | undefined; loadFailed: boolean }) {
  const { t } = useTranslation();
  const status = entry ? draftStatus(entry) : null;
  let text = '';
  if (status === 'saved') text = t('composer.draftSaved');
  else if (status === 'saving' || status === 'unsaved') text = t('composer.draftSaving');
  else if (status === 'error') text = t('composer.draftError', { message: entry?.saveError ?? '' });
  else if (loadFailed && status === 'empty') text = t('composer.draftLoadError');
  const failed = status === 'error' || (loadFailed && status === 'empty');
  return (
    <span className={`draft-status${failed ? ' is-error' : status === 'saved' ? ' is-saved' : ''}`} data-testid="draft-status">
      {status === 'saved' ? <Check size={12} aria-hidden="true" /> : null}
      {failed ? <span role="alert">{text}</span> : text}
    </span>
  );
}
