import { useQuery } from '@tanstack/react-query';
import { UserRoundPlus } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingSuggestion } from '../../../src-shared/contract/priority';
import { routingQuery, useCaseAct } from '../../api';
import { Avatar } from '../../ui/Avatar';
import { routingReasonLabel } from './reason-label';

/** For an unassigned case: who should take it, and why; one click assigns (an ordinary `cases:act`). */
export function RoutingSuggestions({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  const basisId = useId();
  const view = useQuery(routingQuery(caseId)).data;
  const act = useCaseAct();
  if (!view) return null;
  return (
    <section className="routing" role="region" aria-labelledby={headingId} aria-describedby={basisId} data-testid="routing-suggestions">
      <div className="routing-heading">
        <h2 id={headingId}>{t('routing.heading')}</h2>
        <span id={basisId} className="routing-basis">
          {t('routing.basis')}
        </span>
      </div>
      {view.suggestions.length === 0 ? (
        <p className="routing-empty">{t('routing.none')}</p>
      ) : (
        <ol className="routing-list">
          {view.suggestions.map((s) => (
            <Suggestion key={s.agent.id} suggestion={s} disabled={act.isPending} onAssign={() => act.mutate({ caseIds: [caseId], intent: { assigneeId: s.agent.id } })} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Suggestion({ suggestion, disabled, onAssign }: { suggestion: RoutingSuggestion; disabled: boolean; onAssign: () => void }) {
  const { t } = useTranslation();
  const reasons = suggestion.reasons.filter((r) => r.kind !== 'presence_unknown' || suggestion.reasons.length === 1);
  return (
    <li className="routing-item" data-testid="routing-suggestion" data-agent-id={suggestion.agent.id} data-agent-name={suggestion.agent.name} data-score={suggestion.score}>
      <Avatar name={suggestion.agent.name} size={24} />
      <div className="routing-main">
        <span className="routing-name">
          {suggestion.status ? <span className={`routing-status status-dot-${suggestion.status}`} aria-hidden="true" /> : null}
          {suggestion.agent.name}
        </span>
        <span className="routing-reasons" data-testid="routing-reasons">
          {reasons.map((r) => (
            <span key={r.kind} className={`routing-reason${r.points > 0 ? ' is-plus' : r.points < 0 ? ' is-minus' : ''}`} data-kind={r.kind}>
              {routingReasonLabel(t, r)}
            </span>
          ))}
        </span>
      </div>
      <button type="button" className="button small" disabled={disabled} onClick={onAssign} aria-label={t('routing.assignTo', { name: suggestion.agent.name })}>
        <UserRoundPlus size={13} aria-hidden="true" />
        {t('routing.assign')}
      </button>
    </li>
  );
}
