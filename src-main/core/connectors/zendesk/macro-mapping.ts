import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { RemoteMacro } from '../connector';

// Zendesk macros (`GET /api/v2/macros/active.json`) → our shared macros (docs/macros.md). The
// envelope and each macro's shape are checked (a malformed page is a PayloadError); the values of
// actions are loose in Zendesk's JSON (a string, a number, a boolean or an array depending on the
// field and the API's age), so they are read tolerantly here and an action we do not understand,
// or whose value makes no sense, is left out rather than failing the whole list.

const actionValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))]);

export const macroSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  active: z.boolean().nullish(),
  position: z.number().nullish(),
  description: z.string().nullish(),
  actions: z.array(z.object({ field: z.string(), value: actionValue.optional() }).passthrough()),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type ZendeskMacro = z.infer<typeof macroSchema>;

export const macrosResponse = z.object({
  macros: z.array(macroSchema),
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
  /** Offset pagination (older API versions): the next page's URL. */
  next_page: z.string().nullish(),
});

type ActionValue = z.infer<typeof actionValue>;

/** Zendesk placeholders → ours. Anything else is kept as written (the editor shows it as unknown). */
export const ZENDESK_PLACEHOLDERS: Readonly<Record<string, string>> = {
  'ticket.requester.first_name': 'customer.first_name',
  'ticket.requester.name': 'customer.name',
  'ticket.id': 'case.id',
  'ticket.title': 'case.subject',
  'ticket.subject': 'case.subject',
  'current_user.first_name': 'agent.first_name',
  'current_user.name': 'agent.name',
};

// `{{ name }}`, optionally with Liquid's default filter: `{{ name | default: "x" }}` or `'x'`.
const ZENDESK_PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|\s*default\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*)?\}\}/g;

/** Translates Zendesk placeholders in a macro text to ours; unknown ones stay exactly as written. */
export function translatePlaceholders(text: string): string {
  return text.replace(ZENDESK_PLACEHOLDER, (whole, name: string, doubleQuoted: string | undefined, singleQuoted: string | undefined) => {
    const ours = ZENDESK_PLACEHOLDERS[name];
    if (!ours) return whole;
    const fallback = doubleQuoted !== undefined ? doubleQuoted.replace(/\\(.)/g, '$1') : singleQuoted;
    return fallback === undefined ? `{{${ours}}}` : `{{${ours} | "${fallback.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"}}`;
  });
}

/** The text of a comment action: a string, or `["channel:all", "text"]` (channel-specific comments). */
function commentText(value: ActionValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const texts = value.filter((v): v is string => typeof v === 'string');
    if (texts.length === 0) return null;
    // The channel selector comes first when there are two.
    return texts.length >= 2 && /^channel:/.test(texts[0]!) ? texts.slice(1).join('\n') : texts[texts.length - 1]!;
  }
  return null;
}

/** Zendesk's rich comment (`comment_value_html`) as plain text, for macros that carry only that. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function scalar(value: ActionValue | undefined): string | null {
  if (Array.isArray(value)) return value.length > 0 ? scalar(value[0]) : null;
  if (value === null || value === undefined) return null;
  return String(value).trim();
}

function tagList(value: ActionValue | undefined): string[] {
  const parts = Array.isArray(value) ? value.map((v) => (v === null ? '' : String(v))) : [value === null || value === undefined ? '' : String(value)];
  return [...new Set(parts.flatMap((p) => p.split(/\s+/)).map((t) => t.trim().toLowerCase()).filter((t) => t !== '' && t.length <= 80))];
}

function booleanOf(value: ActionValue | undefined): boolean | null {
  const v = scalar(value)?.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

function time(value: string | null | undefined): number {
  const at = value ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/** One Zendesk macro as our shared macro (agent and group ids still remote). */
export function toRemoteMacro(macro: ZendeskMacro): RemoteMacro {
  const actions: RemoteMacro['actions'] = {};
  let body: string | null = null;
  let html: string | null = null;
  let bodyPublic = true;
  for (const action of macro.actions) {
    const value = action.value;
    switch (action.field) {
      case 'comment_value':
        body = commentText(value) ?? body;
        break;
      case 'comment_value_html':
        html = commentText(value) ?? html;
        break;
      case 'comment_mode_is_public':
        bodyPublic = booleanOf(value) ?? bodyPublic;
        break;
      case 'status': {
        const status = scalar(value)?.toLowerCase();
        if (status && (CASE_STATUSES as readonly string[]).includes(status)) actions.status = status as CaseStatus;
        break;
      }
      case 'priority': {
        const priority = scalar(value)?.toLowerCase() ?? '';
        if (priority === '') actions.priority = null;
        else if ((CASE_PRIORITIES as readonly string[]).includes(priority)) actions.priority = priority as CasePriority;
        break;
      }
      case 'assignee_id': {
        const assignee = scalar(value) ?? '';
        if (assignee === 'current_user') actions.assignee = { kind: 'me' };
        else if (assignee === '') actions.assignee = { kind: 'none' };
        else if (/^\d+$/.test(assignee)) actions.assignee = { kind: 'agent', remoteId: assignee };
        break;
      }
      case 'group_id': {
        const group = scalar(value) ?? '';
        if (group === '') actions.groupRemoteId = null;
        else if (/^\d+$/.test(group)) actions.groupRemoteId = group;
        break;
      }
      case 'set_tags':
        actions.setTags = tagList(value);
        break;
      case 'current_tags':
        actions.addTags = [...new Set([...(actions.addTags ?? []), ...tagList(value)])];
        break;
      case 'remove_tags':
        actions.removeTags = [...new Set([...(actions.removeTags ?? []), ...tagList(value)])];
        break;
      default:
        break; // subject, type, custom fields, CCs, side conversations…: not ours to apply
    }
  }
  const text = body ?? (html !== null ? htmlToText(html) : '');
  return {
    remoteId: String(macro.id),
    title: macro.title.trim() || `Macro ${macro.id}`,
    body: translatePlaceholders(text),
    bodyPublic,
    position: macro.position ?? 0,
    active: macro.active !== false,
    createdAt: time(macro.created_at),
    updatedAt: time(macro.updated_at),
    actions,
  };
}
