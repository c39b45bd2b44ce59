// generateDataset: builds the whole helpdesk deterministically from (seed, cases, anchorTime).
import { SUPPORT_ADDRESS } from '../constants';
import { Rng } from '../random/prng';
import { isoFromUnix } from '../util/time';
import { renderCommentText } from './comment-text';
import { hostileEmailText } from './hostile-html';
import { markEmptyHtmlComment } from './empty-html';
import { pickDeletedTickets } from './deleted-tickets';
import { COMMENT_BY_AGENT, COMMENT_PUBLIC } from './comment-flags';
import { NO_EDGE_CASES, pickEdgeCases, UNKNOWN_PRIORITY } from './edge-cases';
import { auditIdOfRank, GeneratedDataset } from './generated-dataset';
import { generateOrganizations } from './organizations';
import { generatePeople } from './people';
import { generateFormerAgents, generateRestrictedAgent, generateStaff } from './staff';
import { planTickets, type TicketPlan } from './ticket-plan';
import { buildThreads, type ThreadTables } from './threads';
import type { DemoTicket } from './types';
import { ticketUrl } from './urls';
import { customerVia } from './via';
import { wireVia } from './via-ids';

export interface GenerateOptions {
  seed: number;
  cases: number;
  /** Ms epoch; history ends just before it. */
  anchorTime: number;
  /** Base of the `url` fields; defaults to a placeholder host. */
  baseUrl?: string;
  /** About 10% of tickets and comments send `via.channel` as a via id (dataset/via-ids.ts); default true. */
  viaIds?: boolean;
  /** About 1% of the tickets were deleted (dataset/deleted-tickets.ts); default true. */
  deletedTickets?: boolean;
  /** A few unreadable records and values to map (dataset/edge-cases.ts); default true. */
  edgeCases?: boolean;
  /** A deleted group (`deleted: true`) besides the six in use; default true. */
  deletedGroups?: boolean;
}

export const DEFAULT_BASE_URL = 'http://demo.shiftdesk.example';
export const MIN_CASES = 10;

export function generateDataset(options: GenerateOptions): GeneratedDataset {
  const { seed, anchorTime } = options;
  const cases = Math.floor(options.cases);
  if (!Number.isFinite(cases) || cases < MIN_CASES) throw new Error(`cases must be at least ${MIN_CASES}`);
  if (!Number.isFinite(anchorTime)) throw new Error('anchorTime must be a number (ms epoch)');
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const anchorSec = Math.floor(anchorTime / 1000);

  const staff = generateStaff(Rng.derive(seed, 'staff'), Math.max(8, Math.round(cases / 2000)), anchorSec, baseUrl);
  if (!(options.deletedGroups ?? true)) staff.deletedGroups = [];
  const organizations = generateOrganizations(Rng.derive(seed, 'organizations'), Math.max(2, Math.round(cases / 500)), anchorSec, baseUrl);
  const people = generatePeople(Rng.derive(seed, 'people'), {
    targetUsers: Math.max(50, Math.round(cases / 2)),
    anchorSec,
    baseUrl,
    firstUserId: staff.nextUserId,
    organizations,
  });
  // Added after everything else so the rest of the dataset stays as it was (own random stream, last ids).
  const lastEndUserId = people.endUsers.at(-1)?.user.id ?? staff.nextUserId - 1;
  const formerAgents = generateFormerAgents(Rng.derive(seed, 'former-staff'), lastEndUserId + 1, anchorSec, baseUrl, staff.groups.map((g) => g.id));
  const restrictedAgent = generateRestrictedAgent(lastEndUserId + 1 + formerAgents.length, anchorSec, baseUrl, staff.groupIdByKey.get('shipping') ?? null);
  const { plans, hostileTicketId, sampleKoreanTicketId } = planTickets({
    seed,
    cases,
    anchorSec,
    staff,
    persons: people.persons,
    endUsers: people.endUsers,
  });
  const tables = buildThreads({ seed, anchorSec, plans, staff });
  const emptyHtmlTicketId = markEmptyHtmlComment(plans, tables, staff.me.user.id, new Set([hostileTicketId, sampleKoreanTicketId]));

  const viaIds = options.viaIds ?? true;
  // The special tickets keep their via type, so demos of them stay predictable.
  const special = new Set([hostileTicketId, sampleKoreanTicketId, ...(emptyHtmlTicketId === null ? [] : [emptyHtmlTicketId])]);
  const tickets = plans.map((plan, i) => buildTicket(plan, seed, baseUrl, tables.finalStatus[i] ?? plan.status, tables.updatedAt[i] ?? plan.createdAt, viaIds && !special.has(plan.id)));
  const deletedAt =
    (options.deletedTickets ?? true)
      ? pickDeletedTickets(Rng.derive(seed, 'deleted-tickets'), { tickets, anchorSec, meAgentId: staff.me.user.id, keep: special })
      : new Map<number, number>();
  const edgeCases =
    (options.edgeCases ?? true)
      ? pickEdgeCases({
          seed,
          tickets,
          endUsers: people.endUsers.map((r) => r.user),
          keep: new Set([...special, ...deletedAt.keys()]),
          commentsOf: (ticketId) => commentIdsOf(tables, ticketId),
        })
      : NO_EDGE_CASES;
  const oddPriority = edgeCases.unknownPriorityTicketId === null ? undefined : tickets[edgeCases.unknownPriorityTicketId - 1];
  if (oddPriority) oddPriority.priority = UNKNOWN_PRIORITY;
  const personOfEndUser = new Int32Array(people.endUsers.length);
  people.endUsers.forEach((record, i) => {
    personOfEndUser[i] = record.personId;
  });

  return new GeneratedDataset({
    seed,
    anchorTime,
    baseUrl,
    staff,
    organizations: organizations.map((o) => o.org),
    persons: people.persons,
    endUsers: people.endUsers.map((r) => r.user),
    formerAgents,
    restrictedAgent,
    personOfEndUser,
    tickets,
    metas: plans.map((p) => p.meta),
    tables,
    hostileTicketId,
    sampleKoreanTicketId,
    emptyHtmlTicketId,
    viaIds,
    deletedAt,
    edgeCases,
  });
}

/** A ticket's comment ids, oldest first, and whether each is a public one by the customer. */
function commentIdsOf(tables: ThreadTables, ticketId: number): { id: number; publicByCustomer: boolean }[] {
  const out: { id: number; publicByCustomer: boolean }[] = [];
  for (let p = tables.commentStart[ticketId - 1] as number; p < (tables.commentStart[ticketId] as number); p++) {
    const flags = tables.commentFlags[p] as number;
    out.push({ id: auditIdOfRank(tables.commentAuditRank[p] as number) + 1, publicByCustomer: (flags & (COMMENT_BY_AGENT | COMMENT_PUBLIC)) === COMMENT_PUBLIC });
  }
  return out;
}

function buildTicket(plan: TicketPlan, seed: number, baseUrl: string, status: DemoTicket['status'], updatedAt: number, viaIds: boolean): DemoTicket {
  const { meta } = plan;
  // description is the first comment's body, rendered exactly as the comments endpoint does.
  const description = meta.hostile
    ? hostileEmailText(meta.customerFullName)
    : renderCommentText({ seed, ticketId: plan.id, index: 0, count: plan.commentCount, kind: 'customer', firstAgentReply: false, status, meta, agent: null }).paragraphs.join('\n\n');
  const requesterId = plan.requester.user.id;
  return {
    id: plan.id,
    url: ticketUrl(baseUrl, plan.id),
    external_id: null,
    subject: plan.subject,
    raw_subject: plan.subject,
    description,
    status,
    priority: plan.priority,
    type: plan.type,
    requester_id: requesterId,
    // Calls are logged by the agent who took them.
    submitter_id: meta.channel === 'voice' && plan.assignee ? plan.assignee.user.id : requesterId,
    assignee_id: plan.assignee?.user.id ?? null,
    group_id: plan.groupId,
    organization_id: plan.requester.user.organization_id,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    tags: plan.tags,
    via: viaIds ? wireVia(customerVia(meta), 'ticket', plan.id, seed) : customerVia(meta),
    recipient: meta.channel === 'email' ? SUPPORT_ADDRESS : null,
    satisfaction_rating: plan.satisfaction,
    custom_fields: [],
    is_public: true,
    has_incidents: false,
    problem_id: null,
    due_at: null,
    from_messaging_channel: meta.channel === 'native_messaging' || meta.channel === 'whatsapp',
    allow_attachments: true,
    created_at: isoFromUnix(plan.createdAt),
    updated_at: isoFromUnix(updatedAt),
    generated_timestamp: updatedAt,
  };
}
