import { useTranslation } from 'react-i18next';
import type { CasePriority } from '../../src-shared/domain/case-fields';

/** Urgent and high stand out; normal and low stay quiet so they do not compete for attention. */
export function PriorityBadge({ priority }: { priority: CasePriority | null }) {
  const { t } = useTranslation();
  if (priority === null) return null;
  return (
    <span className={`priority priority-${priority}`}>
      <span className="priority-dot" aria-hidden="true" />
      {t(`priority.${priority}`)}
    </span>
  );
}
