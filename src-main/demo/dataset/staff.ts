// The support team: groups, agents (one admin) and the default "me" agent; and former agents,
// deleted or suspended since.
import { DEMO_AGENT_EMAIL, DEMO_AGENT_KOREAN_NAME, DEMO_AGENT_NAME, GROUP_ID_BASE, RESTRICTED_AGENT_EMAIL, RESTRICTED_AGENT_NAME, RESTRICTED_ROLE_ID, SUPPORT_NAME, USER_ID_BASE } from '../constants';
import type { GroupKey } from '../content/topics';
import type { Rng } from '../random/prng';
import { DAY, isoFromUnix } from '../util/time';
import type { DemoGroup, DemoUser } from './types';
import { groupUrl, userUrl } from './urls';

const GROUPS: readonly { key: GroupKey; name: string; description: string }[] = [
  { key: 'billing', name: 'Billing', description: 'Payments, refunds, invoices and subscriptions' },
  { key: 'technical', name: 'Technical support', description: 'Accounts, the app and product questions' },
  { key: 'shipping', name: 'Shipping', description: 'Delivery, tracking, address changes and cancellations' },
  { key: 'returns', name: 'Returns', description: 'Returns, exchanges and damaged items' },
  { key: 'vip', name: 'VIP care', description: 'Gold and VIP customers' },
  { key: 'korean', name: '한국 지원', description: '한국어 고객 문의 (Korean-speaking customers)' },
];

// Agents of the Korean desk write to Korean customers under their Korean names.
const AGENTS: readonly { name: string; korean?: string }[] = [
  { name: 'Maya Rodriguez' }, { name: 'Sam Okafor' }, { name: 'Hana Cho', korean: '조하나' }, { name: 'Priya Nair' },
  { name: 'Chris Becker' }, { name: 'Daniel Park', korean: '박다니엘' }, { name: 'Tom Walsh' }, { name: 'Lena Vogel' },
  { name: 'Aisha Rahman' }, { name: 'Yuna Seo', korean: '서유나' }, { name: 'Marco Bianchi' }, { name: 'Sofia Lind' },
  { name: 'Ben Carter' }, { name: 'Grace Kim', korean: '김그레이스' }, { name: 'Omar Haddad' }, { name: 'Leo Fischer' },
  { name: 'Nina Petrova' }, { name: 'Ravi Shah' }, { name: 'Emily Zhang' }, { name: 'Jonas Berg' },
];

// Former teammates: one deleted (Zendesk: `active: false`) and one suspended (`suspended: true`).
// They are generated after everyone else and take the ids after the last end user, so adding them
// changed no other record; no generated ticket or comment names them (their work was handed over
// before they left), they cannot sign in, and the helpdesk refuses them as assignees.
const FORMER_AGENTS: readonly { name: string; state: 'deleted' | 'suspended' }[] = [
  { name: 'Rachel Moore', state: 'deleted' },
  { name: 'Kenji Watanabe', state: 'suspended' },
];

const emailOf = (name: string, n: number): string =>
  `${name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ /g, '.')}${n > 0 ? n : ''}@support.shiftdesk.example`;

export interface AgentInfo {
  user: DemoUser;
  groupKey: GroupKey;
  /** Name used when writing in Korean (falls back to the first name). */
  koreanName: string | null;
  firstName: string;
}

export interface Staff {
  groups: DemoGroup[];
  /** Deleted groups (`deleted: true`): listed by the API unless exclude_deleted, never assignable. */
  deletedGroups: DemoGroup[];
  groupIdByKey: ReadonlyMap<GroupKey, number>;
  agents: AgentInfo[];
  me: AgentInfo;
  /** Next free user id after the agents. */
  nextUserId: number;
}

export function generateStaff(rng: Rng, agentCount: number, anchorSec: number, baseUrl: string): Staff {
  const founded = anchorSec - 3 * 365 * DAY;
  const groups: DemoGroup[] = GROUPS.map((g, i) => ({
    id: GROUP_ID_BASE + 1 + i,
    url: groupUrl(baseUrl, GROUP_ID_BASE + 1 + i),
    name: g.name,
    description: g.description,
    default: i === 0,
    deleted: false,
    is_public: true,
    created_at: isoFromUnix(founded + i * DAY),
    updated_at: isoFromUnix(founded + (i + 30) * DAY),
  }));
  const groupIdByKey = new Map(GROUPS.map((g, i) => [g.key, GROUP_ID_BASE + 1 + i]));
  // A group deleted a while ago: Zendesk's List Groups keeps it (`deleted: true`) unless exclude_deleted.
  const deletedId = GROUP_ID_BASE + 1 + GROUPS.length;
  const deletedGroups: DemoGroup[] = [
    {
      id: deletedId,
      url: groupUrl(baseUrl, deletedId),
      name: 'Tier 3 escalations',
      description: 'Merged into Technical support',
      default: false,
      deleted: true,
      is_public: true,
      created_at: isoFromUnix(founded + 40 * DAY),
      updated_at: isoFromUnix(anchorSec - 90 * DAY),
    },
  ];

  const agents: AgentInfo[] = [];
  let nextUserId = USER_ID_BASE + 1;
  const makeAgent = (name: string, email: string, role: 'agent' | 'admin', groupKey: GroupKey, koreanName: string | null): AgentInfo => {
    const id = nextUserId++;
    const created = founded + rng.range(0, 500) * DAY;
    const korean = groupKey === 'korean';
    const user: DemoUser = {
      id,
      url: userUrl(baseUrl, id),
      name,
      email,
      phone: null,
      role,
      organization_id: null,
      default_group_id: groupIdByKey.get(groupKey) ?? null,
      locale: korean ? 'ko' : 'en-US',
      time_zone: korean ? 'Seoul' : rng.pick(['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)', 'London', 'Berlin']),
      tags: [],
      active: true,
      suspended: false,
      verified: true,
      shared_phone_number: null,
      external_id: null,
      notes: '',
      signature: `${name}\n${SUPPORT_NAME}`,
      created_at: isoFromUnix(created),
      updated_at: isoFromUnix(anchorSec - rng.range(1, 30) * DAY),
      last_login_at: isoFromUnix(anchorSec - rng.range(60, 3 * DAY)),
      user_fields: { tier: 'standard', lifetime_value: 0, followers: 0, twitter_handle: null, facebook_id: null, whatsapp_phone: null },
      restricted_agent: false,
      custom_role_id: null,
      role_type: role === 'admin' ? 4 : null,
    };
    const info: AgentInfo = { user, groupKey, koreanName, firstName: name.split(' ')[0] ?? name };
    agents.push(info);
    return info;
  };

  // The account owner is the one admin.
  const admin = AGENTS[0] as { name: string };
  makeAgent(admin.name, emailOf(admin.name, 0), 'admin', 'vip', null);
  const me = makeAgent(DEMO_AGENT_NAME, DEMO_AGENT_EMAIL, 'agent', 'technical', DEMO_AGENT_KOREAN_NAME);
  const groupCycle: GroupKey[] = ['billing', 'technical', 'shipping', 'returns', 'vip'];
  for (let i = 1; i < agentCount; i++) {
    const template = AGENTS[i % AGENTS.length] as { name: string; korean?: string };
    const round = Math.floor(i / AGENTS.length);
    const name = round === 0 ? template.name : `${template.name} ${round + 1}`;
    const groupKey: GroupKey = template.korean ? 'korean' : (groupCycle[i % groupCycle.length] as GroupKey);
    makeAgent(name, emailOf(template.name, round === 0 ? 0 : round + 1), 'agent', groupKey, template.korean ?? null);
  }
  return { groups, deletedGroups, groupIdByKey, agents, me, nextUserId };
}

/**
 * The former agents (deterministic per seed), with ids from `firstId` on: the first free id after
 * every other generated user. `groupIds` are the team's groups (their last default group).
 */
export function generateFormerAgents(rng: Rng, firstId: number, anchorSec: number, baseUrl: string, groupIds: readonly number[]): DemoUser[] {
  const founded = anchorSec - 3 * 365 * DAY;
  return FORMER_AGENTS.map(({ name, state }, i) => {
    const id = firstId + i;
    const created = founded + rng.range(0, 300) * DAY;
    const left = anchorSec - rng.range(20, 150) * DAY;
    return {
      id,
      url: userUrl(baseUrl, id),
      name,
      email: emailOf(name, 0),
      phone: null,
      role: 'agent',
      organization_id: null,
      default_group_id: groupIds.length > 0 ? rng.pick(groupIds) : null,
      locale: 'en-US',
      time_zone: rng.pick(['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)', 'London', 'Berlin']),
      tags: [],
      active: state !== 'deleted',
      suspended: state === 'suspended',
      verified: true,
      shared_phone_number: null,
      external_id: null,
      notes: state === 'deleted' ? 'Left the team' : 'On extended leave',
      signature: `${name}\n${SUPPORT_NAME}`,
      created_at: isoFromUnix(created),
      updated_at: isoFromUnix(left),
      last_login_at: isoFromUnix(left - rng.range(1, 5) * DAY),
      user_fields: { tier: 'standard', lifetime_value: 0, followers: 0, twitter_handle: null, facebook_id: null, whatsapp_phone: null },
      restricted_agent: false,
      custom_role_id: null,
      role_type: null,
    };
  });
}

/**
 * The restricted agent (RESTRICTED_AGENT_EMAIL): a custom role limited to its own organization, so
 * exports, SLA policies, the users list and organizations answer it 403. Its id follows the former
 * agents'; it needs no randomness, so adding it changed no other record. It works no tickets.
 */
export function generateRestrictedAgent(id: number, anchorSec: number, baseUrl: string, groupId: number | null): DemoUser {
  const created = anchorSec - 200 * DAY;
  return {
    id,
    url: userUrl(baseUrl, id),
    name: RESTRICTED_AGENT_NAME,
    email: RESTRICTED_AGENT_EMAIL,
    phone: null,
    role: 'agent',
    organization_id: null,
    default_group_id: groupId,
    locale: 'en-US',
    time_zone: 'London',
    tags: [],
    active: true,
    suspended: false,
    verified: true,
    shared_phone_number: null,
    external_id: null,
    notes: 'Contractor: own organization only',
    signature: `${RESTRICTED_AGENT_NAME}\n${SUPPORT_NAME}`,
    created_at: isoFromUnix(created),
    updated_at: isoFromUnix(created + DAY),
    last_login_at: isoFromUnix(anchorSec - 2 * DAY),
    user_fields: { tier: 'standard', lifetime_value: 0, followers: 0, twitter_handle: null, facebook_id: null, whatsapp_phone: null },
    restricted_agent: true,
    custom_role_id: RESTRICTED_ROLE_ID,
    role_type: 0,
  };
}
