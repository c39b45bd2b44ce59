import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../src-shared/domain/case-fields';

export function StatusPill({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`pill status-${status}`}>{t(`status.${status}`)}</span>;
}
