// Shapes of everything the demo helpdesk serves, in Zendesk's field names.
import type { UnreadableRecord, ValueToMap } from './edge-cases';

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'urgent' | 'high' | 'normal' | 'low';
export type TicketType = 'problem' | 'incident' | 'question' | 'task';
export type UserRole = 'end-user' | 'agent' | 'admin';
export type CustomerTier = 'standard' | 'gold' | 'vip';
export type Language = 'en' | 'ko' | 'es' | 'de' | 'ja';

/** Zendesk via types used for tickets and comments (see the Zendesk "Via types reference"). */
export type Channel =
  | 'email'
  | 'web'
  | 'chat'
  | 'native_messaging'
  | 'twitter'
  | 'facebook'
  | 'whatsapp'
  | 'voice';

export const CHANNELS: readonly Channel[] = [
  'email',
  'web',
  'chat',
  'native_messaging',
  'twitter',
  'facebook',
  'whatsapp',
  'voice',
];

/** Order used by search comparisons such as `status<solved`. */
export const STATUS_ORDER: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

export interface ViaSource {
  from: Record<string, unknown>;
  to: Record<string, unknown>;
  rel: string | null;
}

/** A via type such as "email" (agent-side actions "web", automations "rule", API writes "api"). */
export type ViaType = Channel | 'rule' | 'api';

export interface Via {
  /**
   * A via type, or (as Zendesk's via object reference allows: "string or integer") the via id,
   * sometimes as a string ("4"); see dataset/via-ids.ts.
   */
  channel: ViaType | number | `${number}`;
  source: ViaSource;
}

export interface SatisfactionRating {
  id?: number;
  score: 'good' | 'bad' | 'offered' | 'unoffered';
  comment?: string;
}

export interface DemoTicket {
  id: number;
  url: string;
  external_id: string | null;
  subject: string;
  raw_subject: string;
  /** Read-only in Zendesk: the first comment's body. */
  description: string;
  status: TicketStatus;
  /** One of Zendesk's priorities; with edge cases on, one ticket has the unknown "critical". */
  priority: TicketPriority | 'critical' | null;
  type: TicketType | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  tags: string[];
  via: Via;
  recipient: string | null;
  satisfaction_rating: SatisfactionRating | null;
  custom_fields: { id: number; value: string | null }[];
  is_public: boolean;
  has_incidents: boolean;
  problem_id: number | null;
  due_at: string | null;
  from_messaging_channel: boolean;
  allow_attachments: boolean;
  created_at: string;
  updated_at: string;
  /** Unix seconds; bumped by every change, including system changes. */
  generated_timestamp: number;
}

export interface UserFields {
  tier: CustomerTier;
  /** In `lifetime_value_currency` (customers: the currency of their orders); agents have 0 and no currency. */
  lifetime_value: number;
  lifetime_value_currency?: string;
  followers: number;
  twitter_handle: string | null;
  facebook_id: string | null;
  whatsapp_phone: string | null;
}

export interface DemoUser {
  id: number;
  url: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: UserRole;
  organization_id: number | null;
  default_group_id: number | null;
  locale: string;
  time_zone: string;
  tags: string[];
  active: boolean;
  suspended: boolean;
  verified: boolean;
  shared_phone_number: boolean | null;
  external_id: string | null;
  notes: string;
  signature: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  user_fields: UserFields;
  /** Agents and admins only: false for admins and unrestricted agents, true for the restricted agent. */
  restricted_agent?: boolean;
  /** Agents and admins only: the custom role (the restricted agent's), else null. */
  custom_role_id?: number | null;
  /** Agents and admins only: 0 custom agent role, 4 admin, null for the default agent role. */
  role_type?: number | null;
}

export interface DemoGroup {
  id: number;
  url: string;
  name: string;
  description: string;
  default: boolean;
  deleted: boolean;
  is_public: boolean;
  created_at: string;
  updated_at: string;
}

/** One action of a macro, as Zendesk writes it: every value is a string. */
export interface DemoMacroAction {
  field: string;
  value: string;
}

/** A shared macro (Zendesk's Macros API). */
export interface DemoMacro {
  id: number;
  url: string;
  title: string;
  /** Zendesk's title before dynamic content is rendered (the same text here). */
  raw_title: string;
  active: boolean;
  description: string | null;
  position: number;
  /** null: every agent may use it. */
  restriction: null;
  default: false;
  created_at: string;
  updated_at: string;
  actions: DemoMacroAction[];
}

export interface DemoOrganization {
  id: number;
  url: string;
  name: string;
  domain_names: string[];
  details: string;
  notes: string;
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  external_id: string | null;
  organization_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface DemoAttachment {
  id: number;
  file_name: string;
  content_url: string;
  mapped_content_url: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  inline: boolean;
  deleted: boolean;
  thumbnails: unknown[];
}

export interface DemoComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  /** Missing on one comment with edge cases on (Zendesk's default: public). */
  public?: boolean;
  audit_id: number;
  via: Via;
  created_at: string;
  attachments: DemoAttachment[];
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
}

/**
 * A child event of an audit in the ticket_events export. Comment events carry a `via` object;
 * Create and Change events a `via` display string and the field as a key of its own
 * (`{"status": "solved", "previous_value": "open", "event_type": "Change", …}`).
 */
export type TicketChildEvent = Record<string, unknown> & { id: number; event_type: string };

/** One entry of GET /api/v2/incremental/ticket_events. */
export interface DemoTicketEvent {
  id: number;
  ticket_id: number;
  timestamp: number;
  created_at: string;
  updater_id: number;
  /** A display name such as "Web form" or "Mail" (an object in the `legacy` event shape). */
  via: string | Via;
  system: Record<string, unknown>;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  event_type: 'Audit';
  child_events: TicketChildEvent[];
}

/** A field an audit set (`Create`) or changed (`Change`). */
export interface FieldEvent {
  id: number;
  type: 'Create' | 'Change';
  field: string;
  value: unknown;
  /** Change events only. */
  previous_value?: unknown;
}

/**
 * One audit as the demo keeps it; rendered as a ticket_events entry (api/ticket-event-format.ts)
 * or as a Ticket Audit (api/audit-format.ts).
 */
export interface AuditRecord {
  id: number;
  ticket_id: number;
  timestamp: number;
  created_at: string;
  updater_id: number;
  /** How the change came in, as the audit's via object (the canonical via type). */
  via: Via;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  /** The comment the audit added, with its body. */
  comment: DemoComment | null;
  fields: FieldEvent[];
}

/** What a full sync through the incremental exports must show (see dataset/ground-truth.ts). */
export interface SyncGroundTruth {
  /** Tickets that exist and are readable in the export, ascending. */
  ticketIds: number[];
  /** Comments of those tickets whose ticket_events entry is readable (ticket order, then oldest first). */
  commentIds: number[];
  /** Users readable in the user export, ascending. */
  userIds: number[];
}

/** An order in the CRM-style context provider (not a Zendesk API). */
export interface DemoOrder {
  number: string;
  placed_at: string;
  total: number;
  currency: string;
  status: 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
  items: { sku: string; name: string; quantity: number }[];
}

/**
 * Everything the server serves, for tests to enumerate and spot-check. `generateDataset` returns
 * the generated base; `DemoServer.dataset` is the live view (base plus live-mode changes).
 */
export interface DemoDataset {
  readonly seed: number;
  /** Ms epoch; all generated history lies before it. */
  readonly anchorTime: number;
  readonly baseUrl: string;
  /** The default "me" agent (DEMO_AGENT_EMAIL). */
  readonly meAgent: DemoUser;
  /** The agent with a restricted custom role (RESTRICTED_AGENT_EMAIL): Admins-only endpoints answer it 403. */
  readonly restrictedAgent: DemoUser;
  /** An e-mail ticket whose first comment is hostile HTML (scripts, mXSS vectors, trackers). */
  readonly hostileTicketId: number;
  /** A Korean ticket whose subject contains 환불 (refund). */
  readonly sampleKoreanTicketId: number;
  /** An unsolved e-mail ticket with a customer comment whose HTML shows nothing (its text does); null if none fits. */
  readonly emptyHtmlTicketId: number | null;

  /** Ticket ids are 1..ticketCount, deleted tickets included. */
  readonly ticketCount: number;
  /** Tickets ordered by id, without deleted ones. */
  tickets(): DemoTicket[];
  /** undefined for unknown and for deleted tickets (the API answers 404 for both). */
  ticket(id: number): DemoTicket | undefined;
  /** Ids of deleted tickets, ascending (the export still lists them, with status "deleted"). */
  deletedTicketIds(): number[];

  readonly userCount: number;
  /** All users (the team's agents first, then end users, former agents, the restricted agent), ordered by id. */
  users(): DemoUser[];
  user(id: number): DemoUser | undefined;
  userByEmail(email: string): DemoUser | undefined;
  /** Agents and admins, active or not (deleted: `active: false`; suspended: `suspended: true`). */
  agents(): DemoUser[];
  endUsers(): DemoUser[];

  /** The groups in use (the API also lists deleted ones, see deletedGroups()). */
  groups(): DemoGroup[];
  /** Deleted groups (`deleted: true`): GET /api/v2/groups lists them unless exclude_deleted=true. */
  deletedGroups(): DemoGroup[];
  organizations(): DemoOrganization[];
  /** The shared macros, active and inactive, ordered by position (see dataset/macros.ts). */
  macros(): DemoMacro[];

  readonly commentCount: number;
  /** Comments of a ticket, oldest first, exactly as the comments endpoint serves them. */
  commentsFor(ticketId: number): DemoComment[];
  commentCountFor(ticketId: number): number;
  /** Number of audits in the ticket_events stream (one per comment plus comment-less changes). */
  readonly auditCount: number;
  /** The largest number of audits sharing one timestamp (a bulk automation run). */
  readonly largestEventBurst: { timestamp: number; count: number };

  /** Ground truth for customer merging: the person behind an end user (undefined for agents). */
  personOfUser(userId: number): number | undefined;
  usersOfPerson(personId: number): number[];
  readonly personCount: number;

  /** CRM orders of the person owning this e-mail, newest first (at most 5). */
  ordersForEmail(email: string): DemoOrder[];

  /** Records an export reader can only skip (edge cases; empty with `edgeCases: false`). */
  readonly unreadableRecords: readonly UnreadableRecord[];
  /** Values outside the documented ones that a client must map (edge cases). */
  readonly valuesToMap: readonly ValueToMap[];
  /** The ticket, comment and user ids a full sync must show: not deleted, readable. */
  syncGroundTruth(): SyncGroundTruth;
}
