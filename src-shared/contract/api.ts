import { z } from 'zod';
import {
  accountInputSchema,
  accountSecretsInputSchema,
  caseIntentSchema,
  inboxQuerySchema,
  presenceSettingsInputSchema,
  searchInputSchema,
  type AccountView,
  type AttachmentContent,
  type AppInfoView,
  type CaseDetail,
  type DraftView,
  type NetworkStatusView,
  type OutboxItemView,
  type CaseQueueReview,
  type OutboxDecisionResult,
  type OutboxDecisionView,
  type CustomerDetail,
  type DirectoryAgent,
  type InboxPage,
  type SearchResults,
  type SendStop,
  type CaseEventView,
  type PresenceChangeEvent,
  type PresenceSettingsView,
  type PresenceView,
  type ViewCounts,
} from './models';
import type { SupervisorAccess, SupervisorView } from './supervisor';
import { slaPolicyInputSchema, type SlaPolicyView } from './sla';
import type { RecordIssueView, SyncProblem, SyncStatusView } from './sync';
import { smartPreviewInputSchema, smartWeightsSchema, type RoutingView, type SmartPreviewView, type SmartPrioritySettingsView } from './priority';
import { macroInputSchema, type MacroBulkResult, type MacroContextView, type MacroSuggestion, type MacroView } from './macros';
import { PRESENCE_ACTIVITIES, SETTABLE_AGENT_STATUSES, type PresenceConnectionStatus } from '../domain/presence';

// The ONE definition of the renderer↔core API (DESIGN §3). Method ids are `domain:verb`; every
// input is validated with its schema where it enters core. Shells forward these and nothing else.

const none = z.object({}).strict().default({});
const byId = z.object({ id: z.number().int().positive() }).strict();
const shownKeys = z.array(z.string().min(1).max(200)).max(1000).optional();

export const METHODS = {
  'accounts:list': none,
  'accounts:add': accountInputSchema,
  'accounts:remove': byId,
  'accounts:test': accountInputSchema,
  /**
   * Keeps an account's token or passwords again (its keychain entry was lost, or the helpdesk
   * refused the token) after checking them against its server, and restarts its sync.
   */
  'accounts:setSecrets': accountSecretsInputSchema,
  'inbox:list': inboxQuerySchema,
  'inbox:counts': none,
  'cases:get': byId,
  'customers:get': byId,
  'search:query': searchInputSchema,
  'sync:status': none,
  'sync:retry': z.object({ accountId: z.number().int().positive() }).strict(),
  /** The records an account's sync left out or stored with defaults (the newest first, at most 500). */
  'sync:recordIssues': z.object({ accountId: z.number().int().positive() }).strict(),
  'directory:get': none,
  'cases:act': z.object({ caseIds: z.array(z.number().int().positive()).min(1).max(500), intent: caseIntentSchema }).strict(),
  /**
   * Sends the composer's message (a reply or note, maybe with a status) on one case, guarded: if
   * anything arrived since the draft began, nothing is queued and `stopped` lists it.
   */
  'cases:send': z.object({ caseId: z.number().int().positive(), intent: caseIntentSchema.refine((i) => i.comment !== undefined, 'a message to send') }).strict(),
  'outbox:list': none,
  'outbox:retry': z.object({ id: z.string().min(1).max(100) }).strict(),
  /**
   * The agent's decisions on an action (docs/outbox.md). `shown`: the keys (`newsKey`) of what the
   * conflict dialog showed for it; if anything else arrived meanwhile, nothing is done and the
   * answer says `changed` (look again). Each decision is recorded with what was shown.
   */
  'outbox:discard': z.object({ id: z.string().min(1).max(100), shown: shownKeys }).strict(),
  'outbox:applyAnyway': z.object({ id: z.string().min(1).max(100), shown: shownKeys }).strict(),
  'outbox:edit': z.object({ id: z.string().min(1).max(100), intent: caseIntentSchema, shown: shownKeys }).strict(),
  /** A case's whole queue against what others did on it since each action was queued (the conflict dialog). */
  'outbox:review': z.object({ caseId: z.number().int().positive() }).strict(),
  /** The decisions recorded on held actions (of one case, or all), oldest first. */
  'outbox:decisions': z.object({ caseId: z.number().int().positive().optional() }).strict().default({}),
  'drafts:get': z.object({ caseId: z.number().int().positive() }).strict(),
  'drafts:save': z.object({ caseId: z.number().int().positive(), body: z.string().max(65_000), mode: z.enum(['reply', 'note']) }).strict(),
  'network:status': none,
  'network:setOffline': z.object({ offline: z.boolean() }).strict(),
  'app:info': none,
  /** Presence (docs/presence.md), keyed by local case ids. `caseIds`: only these cases (an inbox page); default all. */
  'presence:get': z.object({ caseIds: z.array(z.number().int().positive()).max(500).optional() }).strict().default({}),
  'presence:setStatus': z.object({ status: z.enum(SETTABLE_AGENT_STATUSES) }).strict(),
  'presence:setActivity': z.object({ caseId: z.number().int().positive(), activity: z.enum(PRESENCE_ACTIVITIES) }).strict(),
  'presence:leave': z.object({ caseId: z.number().int().positive() }).strict(),
  'presence:settings:get': none,
  'presence:settings:set': presenceSettingsInputSchema,
  /** Macros (docs/macros.md): every active macro, shared and personal, most used first. */
  'macros:list': none,
  /** Creates or changes a personal macro; refuses unknown placeholders and shared macros. */
  'macros:save': macroInputSchema,
  'macros:delete': z.object({ id: z.number().int().positive() }).strict(),
  /** The macros that fit the case best, from its latest customer messages. */
  'macros:suggest': z.object({ caseId: z.number().int().positive(), limit: z.number().int().min(1).max(10).default(3) }).strict(),
  /** The placeholder values of a case (for previews). */
  'macros:context': z.object({ caseId: z.number().int().positive() }).strict(),
  /** A macro was applied in the composer: counts its use. */
  'macros:used': z.object({ id: z.number().int().positive() }).strict(),
  /** Applies a macro to several cases at once: text and fields as one outbox action per case. */
  'macros:applyBulk': z.object({ macroId: z.number().int().positive(), caseIds: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  /** A message's file, fetched from its channel now (a mailbox keeps them on the server; docs/email.md). */
  'attachments:get': z.object({ messageId: z.number().int().positive(), attachmentId: z.string().min(1).max(300) }).strict(),
  /** SLA policies (docs/sla.md): synced, overridden and local ones, in the order they are tried. */
  'sla:policies:list': none,
  /** Creates a local policy (no id) or changes one; changing a synced policy makes it a local override. Recomputes due times. */
  'sla:policies:save': slaPolicyInputSchema,
  /** Deletes a local policy; a synced one is switched off here (an override), since sync would bring it back. */
  'sla:policies:delete': z.object({ id: z.number().int().positive() }).strict(),
  // --- issue 7: SLA methods (insert above this line) ---
  /** Smart priority weights (docs/smart-priority.md); the defaults apply until saved. */
  'priority:settings:get': none,
  /** Saves the weights (null: back to the defaults) and re-scores every case. */
  'priority:settings:set': z.object({ weights: smartWeightsSchema.nullable() }).strict(),
  /** The open queue's top N re-ranked with candidate weights, nothing saved (the settings page's live preview). */
  'priority:preview': smartPreviewInputSchema,
  /** Agents ranked for a case by group match, load and availability, with reasons. */
  'routing:suggest': z.object({ caseId: z.number().int().positive(), limit: z.number().int().min(1).max(20).default(5) }).strict(),
  // --- issue 7: smart priority and routing methods (insert above this line) ---
  /** The supervisor panel and wallboard (docs/supervisor.md): queue, agent and chart figures from the cache. */
  'supervisor:get': none,
  /** The signed-in agent's helpdesk role and whether it is a supervisor's (admin): who sees the panel. */
  'supervisor:access': none,
  // --- issue 7: supervisor methods (insert above this line) ---
} as const;

export type MethodId = keyof typeof METHODS;
export type MethodInput<M extends MethodId> = z.input<(typeof METHODS)[M]>;

export type { SyncStatusView } from './sync';

/**
 * Why an account could not be tested or added: `problem` for the agent (worded by the renderer),
 * `error` the technical text. `accounts:add` throws an `AccountRefusedError` with the same code.
 */
export interface AccountTestFailure {
  ok: false;
  problem: AccountProblem;
  status: number | null;
  error: string;
}
export type AccountProblem = SyncProblem | 'not-agent' | 'duplicate';

export interface MethodOutputs {
  'accounts:list': AccountView[];
  'accounts:add': AccountView;
  'accounts:remove': { removed: boolean };
  'accounts:test': { ok: true; agentName: string; agentEmail: string | null } | AccountTestFailure;
  /** `checked`: false when the helpdesk could not be reached to check the token (kept anyway; sync says if it is refused). */
  'accounts:setSecrets': { account: AccountView; checked: boolean };
  'inbox:list': InboxPage;
  'inbox:counts': ViewCounts;
  'cases:get': CaseDetail | null;
  'customers:get': CustomerDetail | null;
  'search:query': SearchResults;
  'sync:status': SyncStatusView[];
  'sync:retry': { restarted: boolean };
  'sync:recordIssues': RecordIssueView[];
  'directory:get': DirectoryView;
  'cases:act': { actions: OutboxItemView[] };
  'cases:send': { action: OutboxItemView | null; stopped: SendStop | null };
  'outbox:list': OutboxItemView[];
  'outbox:retry': { ok: boolean };
  'outbox:discard': OutboxDecisionResult;
  'outbox:applyAnyway': OutboxDecisionResult;
  'outbox:edit': OutboxDecisionResult;
  'outbox:review': CaseQueueReview | null;
  'outbox:decisions': OutboxDecisionView[];
  'drafts:get': DraftView | null;
  'drafts:save': DraftView | null;
  'network:status': NetworkStatusView;
  'network:setOffline': NetworkStatusView;
  'app:info': AppInfoView;
  'presence:get': PresenceView;
  /** ok: false when presence is not configured (or the case is unknown). Nothing waits for the broker. */
  'presence:setStatus': { ok: boolean };
  'presence:setActivity': { ok: boolean };
  'presence:leave': { ok: boolean };
  'presence:settings:get': PresenceSettingsView | null;
  'presence:settings:set': PresenceSettingsView;
  'macros:list': MacroView[];
  'macros:save': MacroView;
  'macros:delete': { deleted: boolean };
  'macros:suggest': MacroSuggestion[];
  'macros:context': MacroContextView;
  'macros:used': { ok: boolean };
  'macros:applyBulk': MacroBulkResult;
  'attachments:get': AttachmentContent;
  'sla:policies:list': SlaPolicyView[];
  'sla:policies:save': SlaPolicyView;
  'sla:policies:delete': { deleted: boolean };
  // --- issue 7: SLA outputs (insert above this line) ---
  'priority:settings:get': SmartPrioritySettingsView;
  'priority:settings:set': SmartPrioritySettingsView;
  'priority:preview': SmartPreviewView;
  'routing:suggest': RoutingView | null;
  // --- issue 7: smart priority and routing outputs (insert above this line) ---
  'supervisor:get': SupervisorView;
  'supervisor:access': SupervisorAccess;
  // --- issue 7: supervisor outputs (insert above this line) ---
}

/** Who and what the filters can name: agents, groups, the most used tags, and which agents are me. */
export interface DirectoryView {
  /** Every agent, active or not (see DirectoryAgent.active). */
  agents: DirectoryAgent[];
  groups: { id: number; accountId: number; name: string }[];
  tags: string[];
  me: number[];
}

export interface ChangeEvent {
  kinds: ('cases' | 'messages' | 'customers' | 'accounts' | 'directory' | 'outbox' | 'macros')[];
  caseIds: number[];
  customerIds: number[];
}

export interface EventPayloads {
  onChange: ChangeEvent;
  onSyncProgress: SyncStatusView;
  onNetworkStatus: NetworkStatusView;
  /** Someone's presence changed (mine included): which local cases and agents. */
  onPresence: PresenceChangeEvent;
  /** The presence broker connection: connecting, connected, or unavailable with the reason. */
  onPresenceConnection: PresenceConnectionStatus;
  /** Another agent replied, changed the status of or assigned one of my cases (before sync brings it). */
  onCaseEvent: CaseEventView;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['onChange', 'onSyncProgress', 'onNetworkStatus', 'onPresence', 'onPresenceConnection', 'onCaseEvent'];

/** The API as the renderer sees it: one function per method, subscriptions that return an unsubscribe. */
export type ShiftdeskApi = {
  call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** An error as it crosses a process boundary. */
export interface WireError {
  name: string;
  /** The technical text. */
  message: string;
  /** What went wrong as a value the renderer words in the agent's language (e.g. 'auth', 'not-agent'). */
  code?: string;
}

export function isMethodId(value: unknown): value is MethodId {
  return typeof value === 'string' && Object.hasOwn(METHODS, value);
}
