import { Zap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SmartPriorityView } from '../../../src-shared/contract/priority';
import { useFormatters } from '../../ui/use-formatters';
import { smartSummary } from './reason-label';

/** The score on an inbox row; its reasons are its tooltip and accessible name. */
export function SmartScoreChip({ smart }: { smart: SmartPriorityView | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!smart) return null;
  const summary = smartSummary(t, format, smart);
  const level = smart.score >= 100 ? 'high' : smart.score >= 50 ? 'medium' : 'low';
  return (
    <span className={`smart-chip smart-${level}`} role="img" data-testid="smart-score" data-score={smart.score} title={summary} aria-label={summary}>
      <Zap size={11} aria-hidden="true" />
      {smart.score}
    </span>
  );
}
