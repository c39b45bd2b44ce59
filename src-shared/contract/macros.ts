import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../domain/case-fields';
import type { MacroContext, MacroPlaceholder } from '../domain/macro-template';
import type { OutboxItemView } from './models';

// Macros in the contract (DESIGN §8, issue 6, docs/macros.md): canned text with placeholders and
// field actions. Shared macros come from the helpdesk (read-only here); personal ones live in
// this profile. Text templates: src-shared/domain/macro-template.ts.

/** Who the macro assigns the case to: me (whoever applies it), an agent (local id), or nobody. */
export type MacroAssignee = { kind: 'me' } | { kind: 'agent'; agentId: number } | { kind: 'none' };

export interface MacroActions {
  status?: CaseStatus;
  priority?: CasePriority | null;
  assignee?: MacroAssignee;
  /** Local group id; null: no group. */
  groupId?: number | null;
  addTags?: string[];
  removeTags?: string[];
  /** Replaces the case's tags (Zendesk `set_tags`): resolved to additions and removals when applied. */
  setTags?: string[];
}

export interface MacroView {
  id: number;
  source: 'shared' | 'personal';
  /** The helpdesk account a shared macro comes from; null for a personal one. */
  accountId: number | null;
  title: string;
  /** The text template ('' for a macro with field actions only). */
  body: string;
  /** false: the text goes as an internal note. */
  bodyPublic: boolean;
  actions: MacroActions;
  usageCount: number;
  lastUsedAt: number | null;
  updatedAt: number;
}

const tag = z.string().trim().min(1).max(80).regex(/^[^\s]+$/, 'tags have no spaces');
export const macroActionsSchema = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    priority: z.enum(CASE_PRIORITIES).nullable().optional(),
    assignee: z
      .discriminatedUnion('kind', [z.object({ kind: z.literal('me') }).strict(), z.object({ kind: z.literal('agent'), agentId: z.number().int().positive() }).strict(), z.object({ kind: z.literal('none') }).strict()])
      .optional(),
    groupId: z.number().int().positive().nullable().optional(),
    addTags: z.array(tag).max(20).optional(),
    removeTags: z.array(tag).max(20).optional(),
    setTags: z.array(tag).max(40).optional(),
  })
  .strict() satisfies z.ZodType<MacroActions>;

/** A personal macro to create (no id) or change. Core refuses unknown placeholders. */
export const macroInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    title: z.string().trim().min(1).max(200),
    body: z.string().max(20_000),
    bodyPublic: z.boolean(),
    actions: macroActionsSchema,
  })
  .strict();
export type MacroInput = z.input<typeof macroInputSchema>;

/** A macro ranked for a case (`macros:suggest`): higher is better. */
export interface MacroSuggestion {
  macroId: number;
  score: number;
}

/** The placeholder values of one case, for previews rendered in the UI. */
export interface MacroContextView {
  caseId: number;
  values: MacroContext;
}

/** `macros:applyBulk`: one outbox action per case; cases whose text lacks a value are listed. */
export interface MacroBulkResult {
  actions: OutboxItemView[];
  missing: { caseId: number; placeholders: MacroPlaceholder[] }[];
  /**
   * Cases that got no action, and why (a shared macro of another account than the case's, an
   * agent or group of another account, "me" not known yet, nothing to change). Core always sets it.
   */
  refused?: { caseId: number; reason: string }[];
}
