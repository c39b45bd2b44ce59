import type { TFunction } from 'i18next';
import type { RoutingReason, SmartPriorityReason, SmartPriorityView } from '../../../src-shared/contract/priority';
import type { useFormatters } from '../../ui/use-formatters';

type Formatters = ReturnType<typeof useFormatters>;

/** "VIP", "“refund”", "Waiting 2 h": what a smart-priority reason says, without its points. */
export function smartReasonLabel(t: TFunction, format: Formatters, reason: SmartPriorityReason): string {
  switch (reason.kind) {
    case 'trigger':
      return t('smartPriority.reason.trigger', { term: reason.detail ?? '' });
    case 'sentiment':
      return t('smartPriority.reason.sentiment');
    case 'tier':
      return reason.detail === 'gold' ? t('smartPriority.reason.tier_gold') : t('smartPriority.reason.tier_vip');
    case 'lifetime_value':
      // In the customer's currency, exactly as the customer pane shows the value.
      return t('smartPriority.reason.lifetime_value', { amount: reason.money ? format.money(reason.money) : dollars(Number(reason.detail ?? 0), format) });
    case 'followers':
      return t('smartPriority.reason.followers', { followers: format.compact(Number(reason.detail ?? 0)) });
    case 'waiting':
      return t('smartPriority.reason.waiting', { hours: reason.detail ?? '0' });
    case 'sla':
      return reason.detail === 'breached' ? t('smartPriority.reason.sla_breached') : t('smartPriority.reason.sla_at_risk');
    default:
      return reason.kind;
  }
}

/** Whole dollars ("$722", "$7,183"), for reasons scored before they carried the customer's currency. */
function dollars(value: number, format: Formatters): string {
  return `$${format.integer(Math.round(value))}`;
}

/** "VIP +30". */
export function smartReasonText(t: TFunction, format: Formatters, reason: SmartPriorityReason): string {
  return t('smartPriority.withPoints', { label: smartReasonLabel(t, format, reason), points: reason.points });
}

/** "Smart priority 55: VIP +30, Negative sentiment +15, Waiting 2 h +10". */
export function smartSummary(t: TFunction, format: Formatters, smart: SmartPriorityView): string {
  if (smart.reasons.length === 0) return t('smartPriority.summaryNone', { score: smart.score });
  return t('smartPriority.summary', { score: smart.score, reasons: smart.reasons.map((r) => smartReasonText(t, format, r)).join(', ') });
}

/** "Works Billing cases", "3 open cases", "Available". */
export function routingReasonLabel(t: TFunction, reason: RoutingReason): string {
  switch (reason.kind) {
    case 'group_history':
    case 'group_member':
      return t(`routing.reason.${reason.kind}`, { group: reason.detail ?? '' });
    case 'load': {
      const count = Number(reason.detail ?? 0);
      return count === 0 ? t('routing.reason.loadNone') : t('routing.reason.load', { count });
    }
    default:
      return t(`routing.reason.${reason.kind}`);
  }
}
