import { useTranslation } from 'react-i18next';
import type { SupervisorAgent } from '../../../src-shared/contract/supervisor';
import { useFormatters } from '../../ui/use-formatters';

/** The agents: presence status and current case, open cases assigned, public replies today. */
export function AgentsTable({ agents, limit, compact = false }: { agents: SupervisorAgent[]; limit?: number; compact?: boolean }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  const shown = limit === undefined ? agents : agents.slice(0, limit);
  return (
    <table className="sv-table sv-agents" aria-label={t('supervisor.agents')} data-testid="supervisor-agents">
      <caption className="visually-hidden">{t('supervisor.agents')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.agent')}</th>
          <th scope="col">{t('supervisor.col.status')}</th>
          <th scope="col">{t('supervisor.col.currentCase')}</th>
          <th scope="col" className="sv-num">
            {t('supervisor.col.openAssigned')}
          </th>
          <th scope="col" className="sv-num">
            {t('supervisor.col.repliesToday')}
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((agent) => (
          <tr key={agent.id} data-testid="supervisor-agents-row" data-agent-id={agent.id} data-status={agent.status}>
            <th scope="row">
              {agent.name}
              {agent.me ? <span className="sv-you"> ({t('supervisor.you')})</span> : null}
            </th>
            <td>
              <span className={`sv-status sv-status-${agent.status}`}>
                <span className="sv-status-dot" aria-hidden="true" />
                {t(`supervisor.status.${agent.status}`)}
              </span>
            </td>
            <td className="sv-current-case" title={agent.currentCase ? `#${agent.currentCase.remoteId} ${agent.currentCase.subject}` : undefined}>
              {agent.currentCase ? (compact ? `#${agent.currentCase.remoteId}` : `#${agent.currentCase.remoteId} ${agent.currentCase.subject}`) : <span className="sv-muted">{compact ? t('supervisor.none') : t('supervisor.noCase')}</span>}
            </td>
            <td data-figure="openAssigned" data-value={agent.openAssigned}>
              {integer(agent.openAssigned)}
            </td>
            <td data-figure="repliesToday" data-value={agent.repliesToday}>
              {integer(agent.repliesToday)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Agents who are on line first (available, away), then by load; the rest by name. */
export function byActivity(agents: SupervisorAgent[]): SupervisorAgent[] {
  const rank = { available: 0, away: 1, offline: 2, unknown: 3 } as const;
  return [...agents].sort((a, b) => rank[a.status] - rank[b.status] || b.openAssigned - a.openAssigned || b.repliesToday - a.repliesToday || a.name.localeCompare(b.name));
}
