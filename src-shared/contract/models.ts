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
  conflict: { baseVersion: string | null; remoteVersion: string | null; remoteStatus: string | null; remoteUpdatedAt: number | null; description: string } | null;
  createdAt: number;
  nextAttemptAt: number;
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
  online: boolean;
  forcedOffline: boolean;
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
