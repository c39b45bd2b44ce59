import { ClockArrowUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Marks a field whose shown value is the agent's change, not yet on the helpdesk. */
export function PendingBadge() {
  const { t } = useTranslation();
  return (
    <span className="pending-badge" data-testid="pending-badge" title={t('caseEdit.pendingTitle')}>
      <ClockArrowUp size={11} aria-hidden="true" />
      {t('caseEdit.pending')}
    </span>
  );
}
