import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES, type AuthorKind, type CasePriority, type CaseStatus } from '../domain/case-fields';
import { CHANNEL_KINDS, type ChannelKind, type IdentityKind } from '../domain/channels';
import { INBOX_SORTS, isViewId, type ViewId } from '../domain/views';
import type { SmartPriorityView } from './priority';
import type { CaseSlaView } from './sla';
import type { CaseIntent } from '../domain/case-intent';
import type { AgentStatus, CaseEventNotice, PresenceActivity, PresenceConnectionStatus, SettableAgentStatus } from '../domain/presence';

// Data crossing the renderer↔core boundary. Inputs are zod schemas (validated on arrival);
// outputs are plain types produced by core.

export const viewIdSchema = z.string().refine(isViewId, 'unknown view').transform((v) => v as ViewId);

export const inboxFiltersSchema = z
  .object({
    status: z.array(z.enum(CASE_STATUSES)).max(6).optional(),
    channel: z.array(z.enum(CHANNEL_KINDS)).max(CHANNEL_KINDS.length).optional(),
    priority: z.array(z.enum(CASE_PRIORITIES)).max(4).optional(),
    assignee: z.array(z.union([z.number().int(), z.literal('me'), z.literal('none')])).max(50).optional(),
    groupId: z.array(z.number().int()).max(50).optional(),
    tag: z.array(z.string().min(1).max(100)).max(20).optional(),
    accountId: z.array(z.number().int()).max(20).optional(),
    text: z.string().max(500).optional(),
  })
  .strict();
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const inboxQuerySchema = z
  .object({
    view: viewIdSchema,
    filters: inboxFiltersSchema.default({}),
    sort: z.enum(INBOX_SORTS).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type InboxQuery = z.input<typeof inboxQuerySchema>;

export interface PersonRef {
  id: number;
  name: string;
}

/** An agent in the directory (`directory:get`). */
export interface DirectoryAgent {
  id: number;
  accountId: number;
  name: string;
  email: string | null;
  /**
   * May the agent be given work? false for agents deleted or suspended on the helpdesk. Inactive
   * agents stay listed, because cases still name them (filters, names of assignees and authors),
   * but assignee pickers offer only active ones (`assignableAgents` in src-shared/domain/assignees).
   */
  active: boolean;
}

export interface InboxRow {
  id: number;
  accountId: number;
  remoteId: string;
  channel: ChannelKind;
  subject: string;
  snippet: string;
  status: CaseStatus;
  priority: CasePriority | null;
  assignee: PersonRef | null;
  group: PersonRef | null;
  customer: PersonRef | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  waitingSince: number | null;
  messageCount: number;
  csat: string | null;
  /** The agent has changes on this case waiting in the outbox. */
  pending: boolean;
  /** SLA clocks (issue 7); absent until computed. */
  sla?: CaseSlaView | null;
  /** Smart priority with its reasons (issue 7); absent until computed. */
  smart?: SmartPriorityView | null;
}

export interface InboxPage {
  rows: InboxRow[];
  total: number;
  offset: number;
}

export type ViewCounts = Record<ViewId, number>;

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  /** A web link (helpdesk files), `imap-part:<part>` for a file kept on a mail server (`attachments:get`), or ''. */
  url: string;
}

/** The bytes of a file fetched with `attachments:get` (at most MAX_ATTACHMENT_BYTES). */
export interface AttachmentContent {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface ThreadMessage {
  id: number;
  remoteId: string;
  authorKind: AuthorKind;
  author: PersonRef | null;
  channel: ChannelKind;
  public: boolean;
  bodyText: string;
  /** Raw HTML from the channel: the renderer sanitizes it before showing it in a sandboxed frame. */
  bodyHtml: string | null;
  /** The channel's own value when `channel` is 'other' (a via id or type we have no kind for). */
  channelRaw: string | null;
  /** Set while the message is the agent's own, still in the outbox. */
  pendingActionId: string | null;
  attachments: Attachment[];
  /** When the channel received it (for mail: its arrival at the server). The thread is in this order. */
  createdAt: number;
  /** Mail: when the sender's Date header says it was sent (their clock, a detail only); else null. */
  senderDate: number | null;
}

export interface CaseDetail extends InboxRow {
  type: string | null;
  /**
   * The helpdesk's own values that did not map onto ours (field → value as sent): a via id we
   * have no channel for (`channel` is then 'other'), a status or priority outside the known sets.
   */
  unmapped: Record<string, string>;
  organization: PersonRef | null;
  remoteVersion: string | null;
  lastCustomerMessageAt: number | null;
  lastAgentReplyAt: number | null;
  thread: ThreadMessage[];
  /** False while the full thread is still being fetched; a change event follows when it lands. */
  threadComplete: boolean;
  /** This case's actions still in the outbox, oldest first. */
  pendingActions: OutboxItemView[];
}

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export interface RecentOrderView {
  number: string;
  placedAt: number;
  total: number;
  currency: string;
  status: string;
  items: { sku: string; name: string; quantity: number }[];
}

export interface CustomerDetail {
  id: number;
  name: string;
  organization: string | null;
  locale: string | null;
  identities: Identity[];
  tier: string | null;
  lifetimeValue: number | null;
  /**
   * ISO 4217 code of `lifetimeValue`, when known: the currency the customer's orders are in (the
   * commerce system keeps both in the customer's currency). null: show the amount without one.
   */
  lifetimeValueCurrency: string | null;
  followers: number | null;
  /** Cached orders (null: never looked up yet), shown as they were at `ordersFetchedAt`. */
  orders: RecentOrderView[] | null;
  ordersFetchedAt: number | null;
  /** The latest lookup failed while the helpdesk was reachable (offline lookups wait instead). */
  ordersError: string | null;
  cases: InboxRow[];
  csat: { caseId: number; score: string; at: number }[];
}

export const searchInputSchema = z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(100).default(20) }).strict();

export interface SearchResults {
  query: string;
  /** Words to highlight in the results. */
  highlights: string[];
  errors: string[];
  cases: InboxRow[];
  messages: { id: number; caseId: number; caseSubject: string; channel: ChannelKind; author: PersonRef | null; snippet: string; createdAt: number }[];
  customers: { id: number; name: string; identities: Identity[]; caseCount: number }[];
  tookMs: number;
}

export const zendeskAccountInputSchema = z
  .object({
    kind: z.literal('zendesk'),
    name: z.string().min(1).max(100).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).max(500),
    email: z.email().max(300),
    token: z.string().min(1).max(500),
  })
  .strict();

/** How a mail connection is secured: implicit TLS (993/465), STARTTLS (143/587), or none (loopback only). */
export const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'a host name or address');
const mailServerSchema = z
  .object({
    host: hostSchema,
    port: z.number().int().min(1).max(65_535),
    security: z.enum(MAIL_SECURITY),
    user: z.string().trim().min(1).max(300),
  })
  .strict();
const folderSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f*%]+$/, 'no control characters, * or %');

/**
 * A shared support mailbox (docs/email.md): read over IMAP, replies over SMTP. The password (and
 * the SMTP one, when it differs) go to the keychain, never into the database.
 */
export const emailAccountInputSchema = z
  .object({
    kind: z.literal('email'),
    name: z.string().min(1).max(100).optional(),
    /** The support address: From of every reply, and the address customers write to. */
    address: z.email().max(300),
    /** Who I am to the team (assignee lists, notes, the state log). */
    agentName: z.string().trim().min(1).max(100),
    agentEmail: z.email().max(300),
    imap: mailServerSchema,
    smtp: mailServerSchema,
    password: z.string().min(1).max(500),
    /** Only when the SMTP server wants another password than the IMAP one. */
    smtpPassword: z.string().min(1).max(500).optional(),
    inboxFolder: folderSchema.default('INBOX'),
    sentFolder: folderSchema.default('Sent'),
    /** Where the team's shared case state lives (created when missing). */
    stateFolder: folderSchema.default('Shiftdesk'),
  })
  .strict();
export type EmailAccountInput = z.input<typeof emailAccountInputSchema>;
export type EmailAccountConfig = Omit<z.output<typeof emailAccountInputSchema>, 'password' | 'smtpPassword' | 'kind' | 'name'>;

export const accountInputSchema = z.discriminatedUnion('kind', [zendeskAccountInputSchema, emailAccountInputSchema]);
export type AccountInput = z.input<typeof accountInputSchema>;
export type ZendeskAccountInput = z.infer<typeof zendeskAccountInputSchema>;

/**
 * A secret an account keeps in the keychain: a helpdesk's API token, a mailbox's password, and the
 * SMTP password of a mailbox whose SMTP server has its own.
 */
export const SECRET_SLOTS = ['token', 'password', 'smtpPassword'] as const;
export type SecretSlot = (typeof SECRET_SLOTS)[number];

/**
 * Secrets entered again for an account whose keychain entry is gone (or whose token the helpdesk
 * refused): only the ones given change. They go to the keychain only.
 */
export const accountSecretsInputSchema = z
  .object({
    id: z.number().int().positive(),
    /** A helpdesk's API token. */
    token: z.string().min(1).max(500).optional(),
    /** A mailbox's (IMAP) password. */
    password: z.string().min(1).max(500).optional(),
    /** A mailbox's SMTP password, when its SMTP server has its own. */
    smtpPassword: z.string().min(1).max(500).optional(),
  })
  .strict()
  .refine((input) => input.token !== undefined || input.password !== undefined || input.smtpPassword !== undefined, 'a token or password to keep');
export type AccountSecretsInput = z.input<typeof accountSecretsInputSchema>;

export interface AccountView {
  id: number;
  /** 'zendesk' or 'email'. */
  kind: string;
  name: string;
  baseUrl: string;
  email: string;
  status: 'new' | 'syncing' | 'ok' | 'offline' | 'error';
  lastError: string | null;
  lastSyncedAt: number | null;
  /** A mailbox's settings (no passwords); null for a helpdesk. */
  mail: EmailAccountConfig | null;
  /**
   * Secrets the account needs that the keychain does not have (lost, or the keychain cannot be
   * read): it cannot sync until they are entered again (`accounts:setSecrets`). Empty when all is there.
   */
  missingSecrets: SecretSlot[];
}

export const caseIntentSchema = z
  .object({
    comment: z.object({ body: z.string().trim().min(1).max(65_000), public: z.boolean() }).strict().optional(),
    status: z.enum(CASE_STATUSES).optional(),
    priority: z.enum(CASE_PRIORITIES).nullable().optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    groupId: z.number().int().positive().nullable().optional(),
    addTags: z.array(z.string().trim().min(1).max(80).regex(/^[^\s]+$/, 'tags have no spaces')).max(20).optional(),
    removeTags: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  })
  .strict() satisfies z.ZodType<CaseIntent>;

export type OutboxItemState = 'queued' | 'sending' | 'failed' | 'conflict';

export interface OutboxItemView {
  id: string;
  caseId: number;
  caseSubject: string;
  caseRemoteId: string;
  kind: 'reply' | 'note' | 'update';
  intent: CaseIntent;
  state: OutboxItemState;
  attempts: number;
  lastError: string | null;
  conflict: OutboxConflict | null;
  /**
   * Held with a conflict on its case (docs/outbox.md): `held` (no decision on it yet: it needs one,
   * or waits for the ones before it), `decided` (the agent chose; it goes after the ones before it,
   * reading the case again first). Null otherwise.
   */
  hold: 'held' | 'decided' | null;
  /** When the agent queued it (ms since the epoch): the age shown is always this, never the last change of state. */
  createdAt: number;
  nextAttemptAt: number;
}

/**
 * Why an action stopped for the agent (docs/outbox.md): the helpdesk refused it as stale (409,
 * `refused`); an earlier action on its case stopped and this one would overwrite or answer after
 * what someone else did (`held`, `heldBy` that action); or the cache already showed such a change
 * before it was sent (`guard`, the send-time guard of a queued action). Rows stored before
 * `reason` existed read as `refused`.
 */
export interface OutboxConflict {
  reason?: 'refused' | 'held' | 'guard';
  heldBy?: string | null;
  baseVersion: string | null;
  remoteVersion: string | null;
  remoteStatus: string | null;
  remoteUpdatedAt: number | null;
  description: string;
  /** The case (fields and thread) was read again from the helpdesk when the queue stopped. */
  reread?: boolean;
}

/** What of a case an action would overwrite or answer after: a field someone else changed, or the thread (new messages from others). */
export type HoldTouch = 'status' | 'priority' | 'assignee' | 'group' | 'tags' | 'thread';

/**
 * Where a held action stands: `decide` needs the agent's own choice; `waits` goes by itself once
 * the actions before it on the case are decided (it touches nothing anyone else changed);
 * `sending` is on its way; `failed` was refused for another reason (retry or discard it).
 */
export type HoldVerdict = 'decide' | 'waits' | 'sending' | 'failed';

export interface QueuedActionReview {
  item: OutboxItemView;
  verdict: HoldVerdict;
  /** What others did on the case since this action was queued (or last decided on): their messages, then changed fields. Never the agent's own. */
  news: CaseNewsItem[];
  touches: HoldTouch[];
}

/** A case's whole queue against everything that arrived (`outbox:review`), oldest action first. */
export interface CaseQueueReview {
  caseId: number;
  caseSubject: string;
  caseRemoteId: string;
  /** The helpdesk's side as the cache has it now. */
  remote: { status: string | null; updatedAt: number | null; version: string | null };
  /** Whether the case was read again (fields and thread) when its queue stopped; null when unknown. */
  reread: boolean | null;
  actions: QueuedActionReview[];
}

/** The agent's choice on a held action, recorded with what they were shown (`outbox:decisions`). `released`: it touched nothing anyone else changed and went by itself. */
export type OutboxChoice = 'apply' | 'edit' | 'discard' | 'released';

export interface DecisionShown {
  messages: { id: number; remoteId: string; authorKind: AuthorKind; public: boolean; createdAt: number }[];
  fields: { field: 'status' | 'priority' | 'assignee' | 'group' | 'tags'; from: string | null; to: string | null }[];
  /** The helpdesk's version of the case the decision was made against. */
  remoteVersion: string | null;
  touches: HoldTouch[];
}

export interface OutboxDecisionView {
  id: number;
  actionId: string;
  caseId: number;
  choice: OutboxChoice;
  intent: CaseIntent;
  /** For `edit`: what the action does now. */
  editedIntent: CaseIntent | null;
  shown: DecisionShown;
  decidedAt: number;
}

/** A decision's answer: `changed` when something arrived that the agent was not shown yet (nothing was done; look again). */
export interface OutboxDecisionResult {
  ok: boolean;
  changed?: boolean;
}

export interface DraftView {
  caseId: number;
  body: string;
  mode: 'reply' | 'note';
  baseVersion: string | null;
  updatedAt: number;
}

/**
 * Something that happened on a case since the agent began their draft (the send-time guard,
 * docs/send-guard.md): a message from someone else, a field the helpdesk now has otherwise, or a
 * teammate's case event that sync has not brought yet.
 */
export type CaseNewsItem =
  | { kind: 'message'; message: ThreadMessage }
  | { kind: 'field'; field: 'status' | 'priority' | 'assignee' | 'group' | 'tags'; from: string | null; to: string | null }
  | { kind: 'event'; event: CaseEventView };

/** `cases:send` stopped: what arrived since the draft began. The draft is kept, its base moved on. */
export interface SendStop {
  caseId: number;
  news: CaseNewsItem[];
  /** When the draft began (before this stop), ms since the epoch. */
  since: number;
}

/** Facts about this run of core that the UI states to the agent (`app:info`). */
export interface AppInfoView {
  /**
   * Where account tokens live: the OS keychain, or (web host with `--secrets memory`, or no
   * keychain available) only in core's memory, forgotten when it stops.
   */
  secretStore: 'keychain' | 'memory';
}

export interface NetworkStatusView {
  /** Every account's helpdesk or mail server can be reached, and the agent is not working offline. */
  online: boolean;
  forcedOffline: boolean;
  /**
   * The accounts (ids) whose helpdesk or mail server cannot be reached now: their sync and sends
   * wait while the other accounts go on. Not affected by "Work offline".
   */
  unreachable: number[];
  outbox: { queued: number; sending: number; failed: number; conflict: number };
}

// --- presence (DESIGN §7, docs/presence.md) --------------------------------------------------------
// Core speaks MQTT with helpdesk-wide case keys; the contract speaks this profile's LOCAL case ids.
// Cases another agent is on that this profile does not have (yet) are left out.

export const presenceSettingsInputSchema = z
  .object({
    /** mqtt://, mqtts://, ws:// or wss://, without credentials (checked in core). */
    brokerUrl: z.string().trim().min(1).max(500),
    /** The broker username, which is the agent id the others see. */
    username: z.string().trim().min(1).max(128),
    /** The team's topic prefix. */
    workspace: z.string().trim().min(1).max(64),
    /** Goes to the system keychain only. Absent: keep the stored one; null: remove it. */
    password: z.string().max(1000).nullable().optional(),
  })
  .strict();
export type PresenceSettingsInput = z.input<typeof presenceSettingsInputSchema>;

/** The presence settings as the UI sees them: never the password, only whether one is stored. */
export interface PresenceSettingsView {
  brokerUrl: string;
  username: string;
  workspace: string;
  hasPassword: boolean;
  /**
   * A password was saved for this broker and the keychain no longer has it: presence does not
   * connect until it is entered again.
   */
  passwordMissing: boolean;
}

/** Another agent on one of my cases. */
export interface CasePresenceView {
  agentId: string;
  name: string;
  activity: PresenceActivity;
  /** When they started this activity, by their clock (ms). */
  since: number;
  /** Their last heartbeat, by their clock (ms). */
  at: number;
}

/** Another agent's status. */
export interface AgentPresenceView {
  agentId: string;
  name: string;
  status: AgentStatus;
  /** The local id of the case they are on, when this profile has it. */
  currentCaseId: number | null;
  at: number;
}

export interface PresenceView {
  /** False until presence settings are saved (`presence:settings:set`). */
  configured: boolean;
  connection: PresenceConnectionStatus;
  /** Me as published (or as will be, once connected); null when not configured. */
  me: { agentId: string; name: string; status: SettableAgentStatus; currentCaseId: number | null; cases: { caseId: number; activity: PresenceActivity; since: number }[] } | null;
  /** The other agents we know a status of (offline ones included). */
  agents: AgentPresenceView[];
  /** Local case id → the other agents on it, most urgent activity first. Cases nobody else is on are absent. */
  cases: Record<number, CasePresenceView[]>;
}

/** Another agent just did something on one of my cases (before sync brings it): `onCaseEvent`. The notice, by local case id. */
export type CaseEventView = Omit<CaseEventNotice, 'caseKey'> & { caseId: number };

/** `onPresence`: whose presence changed; call `presence:get` (with these case ids) for the details. */
export interface PresenceChangeEvent {
  caseIds: number[];
  agentIds: string[];
}
