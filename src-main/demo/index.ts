// Public API of the demo helpdesk: a separate program speaking the Zendesk Support API subset
// Shiftdesk's connector uses, with a generated dataset, live traffic and fault injection.
export { DEMO_AGENT_EMAIL, DEMO_AGENT_NAME, DEMO_TOKEN, RESTRICTED_AGENT_EMAIL } from './constants';
export { generateDataset, type GenerateOptions } from './dataset/generate';
export type { GeneratedDataset } from './dataset/generated-dataset';
export type {
  Channel,
  DemoAttachment,
  DemoComment,
  DemoDataset,
  DemoGroup,
  DemoMacro,
  DemoMacroAction,
  DemoOrder,
  DemoOrganization,
  DemoTicket,
  DemoTicketEvent,
  DemoUser,
  AuditRecord,
  FieldEvent,
  TicketChildEvent,
  Language,
  SyncGroundTruth,
  TicketStatus,
  Via,
  ViaType,
} from './dataset/types';
export { CHANNELS, STATUS_ORDER } from './dataset/types';
export { NOT_A_DATE, UNKNOWN_PRIORITY, type UnreadableKind, type UnreadableRecord, type ValueToMap, type ValueToMapKind } from './dataset/edge-cases';
export { SCRUBBED_TEXT, type ExportedTicket } from './dataset/deleted-tickets';
export { DOCUMENTED_VIA_IDS, VIA_IDS, viaTypeOf } from './dataset/via-ids';
export { TICKET_EVENT_VIA_NAMES, viaDisplayName } from './dataset/ticket-events';
export { KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE } from './dataset/macros';
export { basicAuthHeader } from './http/auth';
export type { ActiveFault, FaultControl, FaultKind, FaultSpec } from './http/faults';
export { RATE_LIMITS, type RateLimitMode } from './http/rate-limiter';
export type { DemoStats } from './http/stats';
export type { LiveChange, LiveChangeKind } from './live/live-actions';
export type { LiveControl } from './live/live-simulator';
export type { TeammateUpdate, TeammateUpdateResult } from './live/teammate-update';
export type { CustomerCommentResult } from './live/customer-comment';
export type { TeammateActivity, TeammateControl, TeammatePresenceOptions, TeammateReply } from './live/teammate-presence';
export { DEMO_PRESENCE_WORKSPACE, demoCaseKey } from './live/presence-wire';
export type { TicketAudit } from './api/audit-format';
export { UPDATE_CONFLICT_BODY } from './http/send';
export { DEFAULT_EXPORT_LAG_MS, startDemoServer, type DemoServer, type DemoServerOptions } from './server';
export { startPresenceBroker, type PresenceBroker, type PresenceBrokerOptions } from './presence-broker';
