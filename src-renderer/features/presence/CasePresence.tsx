import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar';
import { useCasePresence } from './use-presence';
import './presence.css';

/** The other agents on the open case, live: who, and whether they view it, type on it or are sending. */
export function CasePresence({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const others = useCasePresence(caseId);
  if (others.length === 0) return null;
  return (
    <ul className="case-presence" data-testid="case-presence" aria-label={t('presence.onThisCase')}>
      {others.map((p) => (
        <li key={p.agentId} className={`presence-agent is-${p.activity}`} data-testid="presence-agent" data-agent-name={p.name} data-state={p.activity} title={t(`presence.title.${p.activity}`, { name: p.name })}>
          <Avatar name={p.name} size={20} />
          <span className="presence-agent-text">
            <span className="presence-agent-name">{p.name}</span>
            <span aria-hidden="true"> · </span>
            <span className="presence-agent-state">{t(`presence.state.${p.activity}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
