// Public defaults and id spaces of the demo helpdesk.
// Each entity kind gets its own id range so a client that mixes up ids (a user id used as a
// ticket id, say) fails loudly in tests instead of silently hitting another record.

export const DEMO_TOKEN = 'demo-token';
export const DEMO_AGENT_EMAIL = 'jordan.lee@support.shiftdesk.example';
export const DEMO_AGENT_NAME = 'Jordan Lee';
/**
 * An agent with a restricted custom role (same token): the documented Admins-only endpoints and
 * the lists a role limited to its own organization may not see answer 403 Forbidden.
 */
export const RESTRICTED_AGENT_EMAIL = 'restricted.agent@support.shiftdesk.example';
export const RESTRICTED_AGENT_NAME = 'Robin Hale';
/** The restricted agent's custom role ("Agents: own organization only"). */
export const RESTRICTED_ROLE_ID = 60_000_001;
/** How the "me" agent signs Korean replies. */
export const DEMO_AGENT_KOREAN_NAME = '이조던';
export const SUPPORT_ADDRESS = 'support@shiftdesk.example';
export const SUPPORT_NAME = 'Shiftdesk Demo Support';

export const GROUP_ID_BASE = 20_000_000;
export const ORG_ID_BASE = 30_000_000;
export const MACRO_ID_BASE = 40_000_000;
export const USER_ID_BASE = 1_000_000_000;
/** Audits are numbered AUDIT_ID_BASE + rank * AUDIT_ID_STRIDE; their child events take the next ids. */
export const AUDIT_ID_BASE = 2_000_000_000;
export const AUDIT_ID_STRIDE = 10;
export const ATTACHMENT_ID_BASE = 3_000_000_000;
export const SATISFACTION_ID_BASE = 4_000_000_000;

/** Zendesk's system user id, used as updater of automation audits. */
export const SYSTEM_USER_ID = -1;

/** Days covered by generated history before the anchor time. */
export const HISTORY_DAYS = 180;
