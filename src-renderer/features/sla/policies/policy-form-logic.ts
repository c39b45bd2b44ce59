import type { SlaCondition, SlaFilter, SlaPolicyInput, SlaPolicyView, SlaTarget, SlaTargetRule } from '../../../../src-shared/contract/sla';
import { CASE_PRIORITIES, type CasePriority } from '../../../../src-shared/domain/case-fields';
import { CHANNEL_KINDS, type ChannelKind } from '../../../../src-shared/domain/channels';

// The SLA policy form's model (docs/sla.md § Editing policies): which priorities and channels a
// policy applies to, and per priority its three targets in minutes with calendar or business hours.
// Only "simple" filters are edited (priority `is` conditions in `any`, channel `is_not` conditions
// in `all`); any other filter (e.g. the helpdesk's "via chat") is kept exactly as it is.

export type PriorityKey = CasePriority | 'none';
export const PRIORITY_KEYS: readonly PriorityKey[] = [...CASE_PRIORITIES, 'none'];
export const TARGETS: readonly SlaTarget[] = ['first_reply', 'next_reply', 'resolution'];

export interface PriorityDraft {
  /** The minutes as typed ("90", "1 h 30"); empty: no such target. */
  minutes: Record<SlaTarget, string>;
  businessHours: boolean;
}

export interface PolicyDraft {
  id: number | undefined;
  title: string;
  active: boolean;
  priorities: Partial<Record<PriorityKey, PriorityDraft>>;
  /** Channels it applies to; null: the filter is the helpdesk's own and is kept as it is. */
  channels: ChannelKind[] | null;
}

const keyOf = (priority: CasePriority | null): PriorityKey => priority ?? 'none';
const priorityOf = (key: PriorityKey): CasePriority | null => (key === 'none' ? null : key);

function isPriorityCondition(c: SlaCondition): boolean {
  return c.field === 'priority' && c.operator === 'is' && (c.value === null || (typeof c.value === 'string' && (CASE_PRIORITIES as readonly string[]).includes(c.value)));
}

function isChannelExclusion(c: SlaCondition): boolean {
  return c.field === 'channel' && c.operator === 'is_not' && typeof c.value === 'string' && (CHANNEL_KINDS as readonly string[]).includes(c.value);
}

/** Whether the form can edit this filter (otherwise it is kept untouched). */
export function isSimpleFilter(filter: SlaFilter): boolean {
  return filter.any.every(isPriorityCondition) && filter.all.every(isChannelExclusion);
}

export function emptyPriority(): PriorityDraft {
  return { minutes: { first_reply: '', next_reply: '', resolution: '' }, businessHours: false };
}

export function draftOf(policy: SlaPolicyView): PolicyDraft {
  const priorities: Partial<Record<PriorityKey, PriorityDraft>> = {};
  for (const rule of policy.targets) {
    if (rule.channel) continue; // channel-specific rules are kept as they are
    const entry = (priorities[keyOf(rule.priority)] ??= emptyPriority());
    entry.minutes[rule.target] = String(rule.minutes);
    entry.businessHours = rule.businessHours;
  }
  // A simple filter naming priorities without targets: still listed as applying.
  if (isSimpleFilter(policy.filter)) for (const c of policy.filter.any) priorities[keyOf(c.value as CasePriority | null)] ??= emptyPriority();
  const excluded = new Set(policy.filter.all.map((c) => c.value));
  const channels = isSimpleFilter(policy.filter) ? CHANNEL_KINDS.filter((k) => !excluded.has(k)) : null;
  return { id: policy.id, title: policy.title, active: policy.active, priorities, channels };
}

export function newDraft(): PolicyDraft {
  return { id: undefined, title: '', active: true, priorities: { urgent: emptyPriority(), high: emptyPriority() }, channels: [...CHANNEL_KINDS] };
}

/** Minutes from "90", "1 h 30", "1h30m", "2 h", "45 min", "1:30" (or 시간/분); null when not understood or not positive. */
export function parseMinutes(text: string): number | null {
  const s = text.trim().toLowerCase();
  let m: RegExpExecArray | null;
  let minutes: number | null = null;
  if ((m = /^(\d+)$/.exec(s))) minutes = Number(m[1]);
  else if ((m = /^(\d+)\s*(?:m|min|mins|minutes?|분)$/.exec(s))) minutes = Number(m[1]);
  else if ((m = /^(\d+)\s*(?:h|hr|hrs|hours?|시간)\s*(?:(\d+)\s*(?:m|min|mins|minutes?|분)?)?$/.exec(s))) minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  else if ((m = /^(\d+):([0-5]\d)$/.exec(s))) minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes !== null && minutes > 0 && minutes <= 525_600 ? minutes : null;
}

/** The first problem of a draft (an i18n key under slaPolicies.error), or null. */
export function draftProblem(draft: PolicyDraft): { key: 'title' | 'noPriority' | 'minutes' | 'noChannel'; priority?: PriorityKey; target?: SlaTarget } | null {
  if (draft.title.trim() === '') return { key: 'title' };
  const keys = PRIORITY_KEYS.filter((k) => draft.priorities[k]);
  if (keys.length === 0) return { key: 'noPriority' };
  for (const key of keys) {
    for (const target of TARGETS) {
      const text = draft.priorities[key]!.minutes[target];
      if (text.trim() !== '' && parseMinutes(text) === null) return { key: 'minutes', priority: key, target };
    }
  }
  if (draft.channels !== null && draft.channels.length === 0) return { key: 'noChannel' };
  return null;
}

/** What sla:policies:save gets: the original's other fields kept (schedule, pauses, description, position). */
export function inputOf(draft: PolicyDraft, original: SlaPolicyView | null, nextPosition: number): SlaPolicyInput {
  const keys = PRIORITY_KEYS.filter((k) => draft.priorities[k]);
  const targets: SlaTargetRule[] = [];
  for (const key of keys) {
    const entry = draft.priorities[key]!;
    for (const target of TARGETS) {
      const minutes = parseMinutes(entry.minutes[target]);
      if (minutes !== null) targets.push({ target, priority: priorityOf(key), minutes, businessHours: entry.businessHours });
    }
  }
  for (const rule of original?.targets ?? []) if (rule.channel) targets.push(rule);
  const filter: SlaFilter =
    draft.channels === null && original
      ? original.filter
      : {
          any: keys.map((k) => ({ field: 'priority', operator: 'is', value: priorityOf(k) })),
          all: CHANNEL_KINDS.filter((c) => !(draft.channels ?? CHANNEL_KINDS).includes(c)).map((c) => ({ field: 'channel', operator: 'is_not', value: c })),
        };
  return {
    ...(draft.id !== undefined ? { id: draft.id } : {}),
    title: draft.title.trim(),
    description: original?.description ?? '',
    position: original?.position ?? nextPosition,
    filter,
    targets,
    ...(original ? { schedule: original.schedule, resolutionPauses: original.resolutionPauses } : {}),
    active: draft.active,
  };
}
