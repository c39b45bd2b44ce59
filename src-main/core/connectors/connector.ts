import type { CasePriority, CaseStatus } from '../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import type { SlaFilter } from '../../../src-shared/contract/sla';
import type { BusinessSchedule, SlaTargetRule } from '../../../src-shared/domain/sla-clock';

// What every support channel provides to the sync engine. A connector turns a remote API into
// named streams of normalised records; the engine owns ordering, storage, cursors and retries.

export interface RemoteCase {
  remoteId: string;
  channel: ChannelKind;
  subject: string;
  status: CaseStatus;
  priority: CasePriority | null;
  type: string | null;
  requesterRemoteId: string | null;
  assigneeRemoteId: string | null;
  groupRemoteId: string | null;
  organizationRemoteId: string | null;
  tags: string[];
  csat: string | null;
  createdAt: number;
  updatedAt: number;
  /** Opaque version stamp sent back with writes (Zendesk: updated_at, for safe_update). */
  version: string;
  /** Monotonic change marker (Zendesk: generated_timestamp); older data never overwrites newer. */
  generatedTs: number;
  /**
   * The remote's own values that did not map onto ours (an unknown status, a via we have no
   * channel for), kept as sent so the agent can see them; absent when everything mapped.
   */
  unmapped?: Record<string, string>;
}

export interface RemoteAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export interface RemoteMessage {
  remoteId: string;
  caseRemoteId: string;
  authorRemoteId: string | null;
  public: boolean;
  bodyText: string;
  bodyHtml: string | null;
  channel: ChannelKind;
  /** The remote's channel value when it mapped to `other`. */
  channelRaw?: string;
  /** The change record that made it (Zendesk: the audit), to recognise our own sent replies. */
  auditRemoteId?: string;
  /** When the channel received it: the helpdesk's time, a mail server's arrival (INTERNALDATE). */
  createdAt: number;
  /** Mail: what the sender's Date header claims (their clock, shown as a detail only); null when it has none. */
  senderDate?: number | null;
  attachments: RemoteAttachment[];
}

export interface RemotePerson {
  remoteId: string;
  name: string;
  role: 'customer' | 'agent' | 'admin';
  email: string | null;
  phone: string | null;
  twitter: string | null;
  facebook: string | null;
  whatsapp: string | null;
  organizationRemoteId: string | null;
  locale: string | null;
  tier: string | null;
  lifetimeValue: number | null;
  followers: number | null;
  updatedAt: number;
  /**
   * May this person still be given work? false for agents deleted or suspended on the remote;
   * absent counts as active. (Only agents' flag is stored.)
   */
  active?: boolean;
}

export interface RemoteNamed {
  remoteId: string;
  name: string;
}

export interface RemoteStatusChange {
  caseRemoteId: string;
  status: CaseStatus;
  at: number;
}

export type RecordKind = 'ticket' | 'user' | 'comment' | 'ticket_event' | 'organization' | 'group' | 'macro' | 'sla_policy' | 'attachment';

/**
 * A record the connector could not read (`skipped`: left out, the page goes on) or a value it
 * could not map (`mapped`: stored with a safe default, the raw value kept). Stored with the page.
 */
export interface RecordIssue {
  kind: RecordKind;
  /** The record's remote id when it could be read. */
  remoteId: string | null;
  issue: 'skipped' | 'mapped';
  /** What was wrong, in the remote's terms (field and value): for the log and the details list. */
  detail: string;
  /** For a record without an id: what tells it apart from other records without one. */
  fingerprint?: string;
}

/** One page of a stream. Records of several kinds may come together (side-loads). */
export interface PullPage {
  cases?: RemoteCase[];
  messages?: RemoteMessage[];
  people?: RemotePerson[];
  groups?: RemoteNamed[];
  organizations?: RemoteNamed[];
  /** Status changes from the case history (SLA pauses, docs/sla.md): the case entered `status` at `at`. */
  statusChanges?: RemoteStatusChange[];
  /** Cases whose full thread this page delivered (per-case thread fetches). */
  completeThreads?: string[];
  /**
   * Cases deleted on the remote: never shown; a cached one is removed. `generatedTs` orders the
   * deletion against other versions of the case (an older page read again does not restore it).
   */
  deletedCases?: { remoteId: string; generatedTs: number }[];
  /** Records this page left out or stored with defaults. */
  recordIssues?: RecordIssue[];
  /**
   * What the connector must remember between runs beyond the cursor (a mailbox's threads), stored
   * in the same transaction as the page; a later entry with the same key replaces an earlier one.
   */
  connectorState?: { key: string; value: string }[];
  /** Cursor to store with this page's data; null means start over next time. */
  cursor: string | null;
  /** True when the stream is caught up with the remote "now". */
  caughtUp: boolean;
}

export type StreamPhase = 'identity' | 'first-work' | 'queue' | 'history';

export interface StreamSpec {
  name: string;
  phase: StreamPhase;
  /** What the progress bar counts this stream as. */
  counts: 'cases' | 'messages' | 'people' | 'setup';
  /** Streams that keep polling for changes after catching up (incremental exports). */
  follows: boolean;
  /** Start only once this stream has caught up (e.g. cases after people, so requesters are known). */
  after?: string;
}

export interface RecentOrder {
  number: string;
  placedAt: number;
  total: number;
  currency: string;
  status: string;
  items: { sku: string; name: string; quantity: number }[];
}

/**
 * A shared macro as the helpdesk defines it (docs/macros.md), with REMOTE agent and group ids:
 * sync resolves them to local ids through the directory (unknown ones are dropped).
 */
export interface RemoteMacro {
  remoteId: string;
  title: string;
  /** The text template in our placeholder syntax ('' when the macro only changes fields). */
  body: string;
  bodyPublic: boolean;
  position: number;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  actions: {
    status?: CaseStatus;
    priority?: CasePriority | null;
    assignee?: { kind: 'me' } | { kind: 'none' } | { kind: 'agent'; remoteId: string };
    /** null: no group. */
    groupRemoteId?: string | null;
    setTags?: string[];
    addTags?: string[];
    removeTags?: string[];
  };
}

/** An SLA policy as the helpdesk defines it (docs/sla.md), mapped to our targets. */
export interface RemoteSlaPolicy {
  remoteId: string;
  title: string;
  description: string;
  position: number;
  filter: SlaFilter;
  targets: SlaTargetRule[];
  /** Statuses that pause the resolution clock. */
  resolutionPauses: CaseStatus[];
  updatedAt: number;
}

/** The helpdesk's SLA policies and its default business hours (null: none defined). */
export interface RemoteSlaSetup {
  policies: RemoteSlaPolicy[];
  schedule: BusinessSchedule | null;
}

export interface ConnectorCapabilities {
  /** Writes through the outbox (a later issue). */
  pushActions: boolean;
  /** Can fetch one case's thread on demand. */
  threadOnDemand: boolean;
  /** Provides customer context such as recent orders. */
  recentOrders: boolean;
}

export interface ChannelConnector {
  readonly kind: string;
  readonly capabilities: ConnectorCapabilities;
  /** Checks the credentials and returns the signed-in agent. */
  whoAmI(signal?: AbortSignal): Promise<RemotePerson>;
  /** The streams in the order of need (DESIGN §5). */
  streams(): readonly StreamSpec[];
  pull(stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage>;
  fetchThread(caseRemoteId: string, signal?: AbortSignal): Promise<PullPage>;
  /** People by remote id (requesters a page named before their record arrived); those unreadable or gone are left out. */
  fetchPeople?(remoteIds: readonly string[], signal?: AbortSignal): Promise<PullPage>;
  recentOrders?(email: string, signal?: AbortSignal): Promise<RecentOrder[]>;
  /** The helpdesk's active shared macros, every page (the sync engine's `syncMacros` step). */
  fetchMacros?(signal?: AbortSignal): Promise<RemoteMacro[]>;
  /** The helpdesk's SLA policies and business hours (the sync engine's `syncSlaPolicies` step). */
  fetchSlaPolicies?(signal?: AbortSignal): Promise<RemoteSlaSetup>;
  /**
   * Does the remote answer at all? One request, no retries: any answer counts (even an error
   * status), only a connection-level failure or `signal` says no. The network monitor's probe.
   */
  ping?(signal?: AbortSignal): Promise<boolean>;
  /**
   * Push from the remote (IMAP IDLE): the signal fires when `stream` has news, so a caught-up
   * stream pulls at once instead of at its next poll. It stays fired until the stream's next pull.
   */
  changes?(stream: string): AbortSignal | undefined;
  /** A message's file from the remote, when the connector keeps files there (`imap-part:` urls). */
  fetchAttachment?(messageRemoteId: string, attachment: RemoteAttachment, maxBytes: number, signal?: AbortSignal): Promise<Buffer>;
  /** Closes connections the connector keeps open (IMAP sessions and watchers). */
  close?(): Promise<void>;
}

/** One outbox action as the helpdesk should apply it, with remote ids resolved. */
export interface PushAction {
  /** The client-generated action id: the idempotency key, recorded with the remote change. */
  actionId: string;
  caseRemoteId: string;
  /** The case version the agent saw; the helpdesk refuses the write if the case moved on. */
  baseVersion: string | null;
  /** When the agent acted (queued it); a write replayed later still happened then. */
  createdAt?: number;
  comment?: { body: string; public: boolean };
  status?: string;
  priority?: string | null;
  assigneeRemoteId?: string | null;
  groupRemoteId?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface PushResult {
  /** The case as the helpdesk holds it after the write. */
  case: RemoteCase | null;
  /** The remote id of the comment the action created, if any. */
  commentRemoteId: string | null;
  /**
   * The remote id of the change record (Zendesk: the audit) when the helpdesk did not name the
   * comment: the comment, when sync brings it, carries this id (`audit_id`).
   */
  auditRemoteId?: string | null;
}

/** The helpdesk refused the write because the case changed since `baseVersion`. */
export class WriteConflictError extends Error {
  constructor(readonly description: string) {
    super(`The case changed on the helpdesk since you saw it (${description})`);
    this.name = 'WriteConflictError';
  }
}

export interface WritableConnector {
  push(action: PushAction, signal?: AbortSignal): Promise<PushResult>;
  /** After a crash or a timeout: did the helpdesk already apply this action? */
  findPushed(caseRemoteId: string, actionId: string, signal?: AbortSignal): Promise<PushResult | null>;
  fetchCase(caseRemoteId: string, signal?: AbortSignal): Promise<RemoteCase | null>;
}
