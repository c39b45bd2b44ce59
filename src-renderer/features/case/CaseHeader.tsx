import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { CaseFields } from './CaseFields';

/** Subject, helpdesk id and the fields an agent checks (and changes) before replying. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <header className="case-header">
      <div className="case-title-row">
        <h1 className="case-subject">{detail.subject || t('inbox.noSubject')}</h1>
        <span className="case-remote-id">#{detail.remoteId}</span>
      </div>
      {/* Keyed by case: an error from the previous case's change does not follow the agent. */}
      <CaseFields key={detail.id} detail={detail} />
    </header>
  );
}
