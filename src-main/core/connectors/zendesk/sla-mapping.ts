import { z } from 'zod';
import { CASE_PRIORITIES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../../src-shared/domain/channels';
import { isValidTimeZone, type BusinessSchedule, type SlaClockTarget, type SlaTargetRule } from '../../../../src-shared/domain/sla-clock';
import type { SlaCondition } from '../../../../src-shared/contract/sla';
import type { RemoteSlaPolicy } from '../connector';
import { channelOfVia } from './via';

// Zendesk SLA policies (`GET /api/v2/slas/policies.json`) and business hours
// (`GET /api/v2/business_hours/schedules.json`) → our policies (docs/sla.md "Zendesk mapping").

const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]);
const conditionSchema = z.object({ field: z.string(), operator: z.string(), value: conditionValue.optional() }).passthrough();

export const slaPolicySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullish(),
  position: z.number().nullish(),
  filter: z.object({ all: z.array(conditionSchema).nullish(), any: z.array(conditionSchema).nullish() }).nullish(),
  policy_metrics: z.array(
    z
      .object({
        priority: z.string(),
        metric: z.string(),
        target: z.number().nullish(),
        target_in_seconds: z.number().nullish(),
        business_hours: z.boolean().nullish(),
      })
      .passthrough(),
  ),
  updated_at: z.string().nullish(),
});

export const slaPoliciesResponse = z.object({
  sla_policies: z.array(slaPolicySchema),
  next_page: z.string().nullish(),
});

export const schedulesResponse = z.object({
  schedules: z.array(
    z
      .object({
        id: z.number().int(),
        name: z.string().nullish(),
        time_zone: z.string(),
        intervals: z.array(z.object({ start_time: z.number(), end_time: z.number() })),
      })
      .passthrough(),
  ),
});

/** Zendesk's time zone names are Rails names ("Berlin", "Eastern Time (US & Canada)"); the common ones. */
const RAILS_ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  London: 'Europe/London',
  Dublin: 'Europe/Dublin',
  Lisbon: 'Europe/Lisbon',
  Berlin: 'Europe/Berlin',
  Amsterdam: 'Europe/Amsterdam',
  Paris: 'Europe/Paris',
  Madrid: 'Europe/Madrid',
  Rome: 'Europe/Rome',
  Vienna: 'Europe/Vienna',
  Stockholm: 'Europe/Stockholm',
  Warsaw: 'Europe/Warsaw',
  Athens: 'Europe/Athens',
  Helsinki: 'Europe/Helsinki',
  Istanbul: 'Europe/Istanbul',
  Moscow: 'Europe/Moscow',
  'Eastern Time (US & Canada)': 'America/New_York',
  'Central Time (US & Canada)': 'America/Chicago',
  'Mountain Time (US & Canada)': 'America/Denver',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  Arizona: 'America/Phoenix',
  Brasilia: 'America/Sao_Paulo',
  'Mexico City': 'America/Mexico_City',
  Seoul: 'Asia/Seoul',
  Tokyo: 'Asia/Tokyo',
  Osaka: 'Asia/Tokyo',
  Beijing: 'Asia/Shanghai',
  'Hong Kong': 'Asia/Hong_Kong',
  Singapore: 'Asia/Singapore',
  Mumbai: 'Asia/Kolkata',
  'New Delhi': 'Asia/Kolkata',
  Dubai: 'Asia/Dubai',
  'Abu Dhabi': 'Asia/Dubai',
  Sydney: 'Australia/Sydney',
  Melbourne: 'Australia/Melbourne',
  Auckland: 'Pacific/Auckland',
};

/** A Zendesk time zone name as an IANA zone; null when unknown. */
export function ianaZone(name: string): string | null {
  const mapped = RAILS_ZONES[name] ?? name;
  return isValidTimeZone(mapped) && (mapped.includes('/') || mapped === 'UTC') ? mapped : null;
}

/** The account's default (first) schedule; null when there is none or its zone is unknown. */
export function toBusinessSchedule(body: z.infer<typeof schedulesResponse>): BusinessSchedule | null {
  const first = body.schedules[0];
  if (!first) return null;
  const timeZone = ianaZone(first.time_zone);
  const intervals = first.intervals.filter((i) => i.end_time > i.start_time).map((i) => ({ startMinute: Math.max(0, i.start_time), endMinute: Math.min(10_080, i.end_time) }));
  if (!timeZone || intervals.length === 0) return null;
  return { timeZone, intervals };
}

const METRICS: Readonly<Record<string, SlaClockTarget>> = {
  first_reply_time: 'first_reply',
  next_reply_time: 'next_reply',
  agent_work_time: 'resolution',
  requester_wait_time: 'resolution',
};

/** Zendesk via ids of the channels policies filter on most (via types, developer.zendesk.com); via names work too. */
function toCondition(raw: z.infer<typeof conditionSchema>): SlaCondition {
  const value = raw.value ?? null;
  if (raw.field === 'via_id' || raw.field === 'via') {
    // A via id or type (the policy's `via_id` condition); one we have no channel for never matches ours.
    const via = typeof value === 'number' || typeof value === 'string' ? channelOfVia({ channel: value }) : null;
    const channel: ChannelKind | null = via && via.channel !== 'other' ? via.channel : null;
    return { field: 'channel', operator: raw.operator, value: channel ?? `unknown:${String(value)}` };
  }
  return { field: raw.field, operator: raw.operator, value: Array.isArray(value) ? value.map(String) : value };
}

export function toRemoteSlaPolicy(policy: z.infer<typeof slaPolicySchema>): RemoteSlaPolicy {
  const targets: SlaTargetRule[] = [];
  // Resolution: agent work time (pauses on pending and on hold) wins over requester wait time
  // (pauses on pending only) for the same priority.
  const byKey = new Map<string, { rule: SlaTargetRule; metric: string }>();
  for (const m of policy.policy_metrics) {
    const target = METRICS[m.metric];
    if (!target || !(CASE_PRIORITIES as readonly string[]).includes(m.priority)) continue;
    const minutes = m.target ?? (m.target_in_seconds ? Math.ceil(m.target_in_seconds / 60) : null);
    if (!minutes || minutes <= 0) continue;
    const key = `${target}:${m.priority}`;
    const existing = byKey.get(key);
    if (existing && !(existing.metric === 'requester_wait_time' && m.metric === 'agent_work_time')) continue;
    byKey.set(key, { rule: { target, priority: m.priority as CasePriority, minutes: Math.round(minutes), businessHours: m.business_hours === true }, metric: m.metric });
  }
  for (const { rule } of byKey.values()) targets.push(rule);
  const resolutionMetrics = [...byKey.values()].filter((e) => e.rule.target === 'resolution').map((e) => e.metric);
  const resolutionPauses: CaseStatus[] = resolutionMetrics.length > 0 && resolutionMetrics.every((m) => m === 'requester_wait_time') ? ['pending'] : ['pending', 'hold'];
  return {
    remoteId: String(policy.id),
    title: policy.title,
    description: policy.description ?? '',
    position: policy.position ?? 0,
    filter: { all: (policy.filter?.all ?? []).map(toCondition), any: (policy.filter?.any ?? []).map(toCondition) },
    targets,
    resolutionPauses,
    updatedAt: policy.updated_at ? Date.parse(policy.updated_at) || 0 : 0,
  };
}
