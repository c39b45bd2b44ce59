// SLA clocks in the contract (DESIGN §8, issue 7, docs/sla.md). Policies and their editing are
// defined by the SLA work beside these; the views below are what the inbox and the case show.

import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES, type CaseStatus } from '../domain/case-fields';
import { CHANNEL_KINDS } from '../domain/channels';
import type { BusinessSchedule, SlaTargetRule } from '../domain/sla-clock';
import type { SlaFilter } from '../domain/sla-rules';

export const SLA_TARGETS = ['first_reply', 'next_reply', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** ok; at_risk: under 25 % of the target left, or under 15 min; breached; paused (pending / on hold); met (done in time). */
export type SlaState = 'ok' | 'at_risk' | 'breached' | 'paused' | 'met';

export interface CaseSlaClock {
  target: SlaTarget;
  policyId: number;
  /** When it breaches (ms since the epoch), null while paused or met. */
  dueAt: number | null;
  /** When it turns at risk, null while paused or met. */
  atRiskAt: number | null;
  state: SlaState;
}

/**
 * The helpdesk's own verdict on one clock (docs/sla.md "The helpdesk's verdict"), from its SLA
 * events: breached (at `at`), met (fulfilled in time, at `at`), or still running / paused.
 */
export interface HelpdeskSlaClock {
  target: SlaTarget;
  state: 'met' | 'breached' | 'running' | 'paused';
  /** When it breached or was met; null while it runs. */
  at: number | null;
  /** The target the helpdesk applied, in minutes (null: not reported). */
  targetMinutes: number | null;
}

export interface CaseSlaView {
  /** The running clock that breaches first (or breached first); when none runs, a paused one; else null. */
  next: CaseSlaClock | null;
  clocks: CaseSlaClock[];
  /** The helpdesk's verdict, when it reports one (its SLA events); absent otherwise. */
  helpdesk?: HelpdeskSlaClock[];
}

// --- policies (issue 7: SLA) -------------------------------------------------------------------


export type { BusinessSchedule, SlaTargetRule } from '../domain/sla-clock';

export type { SlaCondition, SlaFilter } from '../domain/sla-rules';

export interface SlaPolicyView {
  id: number;
  /** null: a local policy (every account). */
  accountId: number | null;
  remoteId: string | null;
  /** helpdesk: as synced; override: a synced policy edited here (sync leaves it alone); local: made here. */
  source: 'helpdesk' | 'override' | 'local';
  title: string;
  description: string;
  /** Policies are tried in position order (then id); the first whose filter matches applies. */
  position: number;
  filter: SlaFilter;
  targets: SlaTargetRule[];
  /** Business hours of the targets with businessHours = true; null: those count calendar hours. */
  schedule: BusinessSchedule | null;
  /** Statuses that pause the resolution clock (next reply always pauses on pending and on hold). */
  resolutionPauses: CaseStatus[];
  active: boolean;
  updatedAt: number;
}

const conditionSchema = z.object({
  field: z.string().min(1).max(100),
  operator: z.string().min(1).max(50),
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]),
});

export const slaFilterSchema = z.object({ all: z.array(conditionSchema).max(50).default([]), any: z.array(conditionSchema).max(50).default([]) });

export const slaTargetRuleSchema = z.object({
  target: z.enum(SLA_TARGETS),
  priority: z.enum(CASE_PRIORITIES).nullable(),
  channel: z.enum(CHANNEL_KINDS).nullish(),
  minutes: z.number().int().positive().max(525_600),
  businessHours: z.boolean(),
});

export const businessScheduleSchema = z.object({
  timeZone: z.string().min(1).max(100),
  intervals: z
    .array(z.object({ startMinute: z.number().int().min(0).max(10_080), endMinute: z.number().int().min(0).max(10_080) }).refine((i) => i.endMinute > i.startMinute, 'endMinute must be after startMinute'))
    .min(1)
    .max(100),
  holidays: z
    .array(z.object({ startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }))
    .max(500)
    .optional(),
});

/** sla:policies:save: a new local policy (no id), or changes to one (a synced one becomes a local override). */
export const slaPolicyInputSchema = z.object({
  id: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  filter: slaFilterSchema.optional(),
  targets: z.array(slaTargetRuleSchema).max(100),
  schedule: businessScheduleSchema.nullable().optional(),
  resolutionPauses: z.array(z.enum(CASE_STATUSES)).max(6).optional(),
  active: z.boolean().optional(),
});
export type SlaPolicyInput = z.input<typeof slaPolicyInputSchema>;
