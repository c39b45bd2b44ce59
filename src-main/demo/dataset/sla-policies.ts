// The account's SLA policies (Zendesk's SLA Policies API) and its business hours (the Business
// Hours API's schedules): a fixed, hand-written set, nothing random. Policies are tried in
// position order and the first whose filter matches applies, so the channel-specific one for
// live channels comes first. Targets are minutes; `business_hours` counts them in the schedule.
import type { BusinessSchedule, SlaClockTarget, SlaTargetRule } from '../../../src-shared/domain/sla-clock';
import type { SlaPolicyRules } from '../../../src-shared/domain/sla-rules';
import { isoFromUnix } from '../util/time';
import type { Channel } from './types';

export interface DemoSlaPolicyMetric {
  priority: 'low' | 'normal' | 'high' | 'urgent';
  metric: 'first_reply_time' | 'next_reply_time' | 'periodic_update_time' | 'requester_wait_time' | 'agent_work_time';
  target: number;
  business_hours: boolean;
}

export interface DemoSlaPolicy {
  id: number;
  url: string;
  title: string;
  description: string;
  position: number;
  filter: { all: { field: string; operator: string; value: string | number }[]; any: { field: string; operator: string; value: string | number }[] };
  policy_metrics: DemoSlaPolicyMetric[];
  created_at: string;
  updated_at: string;
}

export interface DemoSchedule {
  id: number;
  name: string;
  time_zone: string;
  intervals: { start_time: number; end_time: number }[];
  created_at: string;
  updated_at: string;
}

export const SLA_POLICY_ID_BASE = 50_000_000;
export const SCHEDULE_ID = 60_000_001;

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

function metrics(targets: Record<(typeof PRIORITIES)[number], [first: number, next: number, resolution: number] | null>, businessHours: boolean, resolutionMetric: DemoSlaPolicyMetric['metric']): DemoSlaPolicyMetric[] {
  const out: DemoSlaPolicyMetric[] = [];
  for (const priority of PRIORITIES) {
    const t = targets[priority];
    if (!t) continue;
    out.push({ priority, metric: 'first_reply_time', target: t[0], business_hours: businessHours });
    out.push({ priority, metric: 'next_reply_time', target: t[1], business_hours: businessHours });
    out.push({ priority, metric: resolutionMetric, target: t[2], business_hours: businessHours });
  }
  return out;
}

/** The policies, stamped with the dataset's anchor time (seconds) and URLs on `baseUrl`. */
export function demoSlaPolicies(baseUrl: string, anchorSeconds: number): DemoSlaPolicy[] {
  const created = isoFromUnix(anchorSeconds - 400 * 86_400);
  const updated = isoFromUnix(anchorSeconds - 30 * 86_400);
  const policy = (n: number, rest: Omit<DemoSlaPolicy, 'id' | 'url' | 'created_at' | 'updated_at'>): DemoSlaPolicy => ({
    id: SLA_POLICY_ID_BASE + n,
    url: `${baseUrl}/api/v2/slas/policies/${SLA_POLICY_ID_BASE + n}.json`,
    ...rest,
    created_at: created,
    updated_at: updated,
  });
  return [
    policy(1, {
      title: 'Live chat & messaging',
      description: 'Customers on live channels expect answers within minutes, around the clock.',
      position: 1,
      filter: {
        all: [],
        any: [
          { field: 'via_id', operator: 'is', value: 29 },
          { field: 'via', operator: 'is', value: 'native_messaging' },
        ],
      },
      policy_metrics: metrics({ urgent: [5, 10, 240], high: [5, 15, 480], normal: [10, 30, 1440], low: [15, 60, 2880] }, false, 'requester_wait_time'),
    }),
    policy(2, {
      title: 'Urgent & high',
      description: '1 h first reply, 4 h next reply, 24 h resolution, calendar hours (urgent: 30 min / 2 h / 8 h).',
      position: 2,
      filter: {
        all: [],
        any: [
          { field: 'priority', operator: 'is', value: 'urgent' },
          { field: 'priority', operator: 'is', value: 'high' },
        ],
      },
      policy_metrics: metrics({ urgent: [30, 120, 480], high: [60, 240, 1440], normal: null, low: null }, false, 'agent_work_time'),
    }),
    policy(3, {
      title: 'Normal & low',
      description: '8 business hours first and next reply for normal (16 for low), resolution in 5 (10) business days.',
      position: 3,
      filter: {
        all: [],
        any: [
          { field: 'priority', operator: 'is', value: 'normal' },
          { field: 'priority', operator: 'is', value: 'low' },
        ],
      },
      policy_metrics: metrics({ urgent: null, high: null, normal: [480, 480, 2400], low: [960, 960, 4800] }, true, 'agent_work_time'),
    }),
  ];
}

/** Weekdays 09:00–17:00 in Berlin (Zendesk names zones the Rails way; intervals are minutes from Sunday 00:00). */
export function demoSchedules(anchorSeconds: number): DemoSchedule[] {
  const stamp = isoFromUnix(anchorSeconds - 400 * 86_400);
  return [
    {
      id: SCHEDULE_ID,
      name: 'Support hours',
      time_zone: 'Berlin',
      intervals: [1, 2, 3, 4, 5].map((day) => ({ start_time: day * 1440 + 540, end_time: day * 1440 + 1020 })),
      created_at: stamp,
      updated_at: stamp,
    },
  ];
}

/** A demo policy in the terms of the shared SLA rules (src-shared/domain/sla-rules.ts), for the demo's own SLA events. */
export interface DemoSlaRules extends SlaPolicyRules {
  policy: DemoSlaPolicy;
  /** The metric its resolution target is: agent work time, or requester wait time. */
  resolutionMetric: 'agent_work_time' | 'requester_wait_time';
}

/** The schedule as the rules read it: the Rails zone name "Berlin" is Europe/Berlin. */
const BERLIN_HOURS: BusinessSchedule = {
  timeZone: 'Europe/Berlin',
  intervals: [1, 2, 3, 4, 5].map((day) => ({ startMinute: day * 1440 + 540, endMinute: day * 1440 + 1020 })),
};

const TARGET_OF_METRIC: Readonly<Record<string, SlaClockTarget>> = {
  first_reply_time: 'first_reply',
  next_reply_time: 'next_reply',
  agent_work_time: 'resolution',
  requester_wait_time: 'resolution',
};

/** The demo's policies as rules, in position order. */
export function demoSlaRules(baseUrl: string, anchorSeconds: number): DemoSlaRules[] {
  return demoSlaPolicies(baseUrl, anchorSeconds)
    .sort((a, b) => a.position - b.position)
    .map((policy) => {
      const resolutionMetric = policy.policy_metrics.some((m) => m.metric === 'agent_work_time') ? 'agent_work_time' : 'requester_wait_time';
      const targets: SlaTargetRule[] = policy.policy_metrics.flatMap((m) => {
        const target = TARGET_OF_METRIC[m.metric];
        return target ? [{ target, priority: m.priority, minutes: m.target, businessHours: m.business_hours }] : [];
      });
      return {
        id: policy.id,
        accountId: 1,
        remoteId: String(policy.id),
        // The demo knows each ticket's channel and priority; this filter says what the policy's does.
        filter: { all: [], any: [] },
        targets,
        schedule: BERLIN_HOURS,
        resolutionPauses: resolutionMetric === 'agent_work_time' ? ['pending', 'hold'] : ['pending'],
        policy,
        resolutionMetric,
      };
    });
}

/** The policy Zendesk would apply to a ticket of this channel and priority: the first whose filter matches. */
export function demoPolicyFor(rules: readonly DemoSlaRules[], channel: Channel, priority: string | null): DemoSlaRules | null {
  for (const r of rules) {
    const matches = r.policy.filter.any.some((c) =>
      c.field === 'via_id' ? Number(c.value) === 29 && channel === 'chat' : c.field === 'via' ? c.value === channel : c.field === 'priority' ? c.value === priority : false,
    );
    if (matches) return r;
  }
  return null;
}
