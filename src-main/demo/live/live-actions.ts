// One live change at a time: customers open tickets and reply; simulated teammates (every agent
// but "me") assign, reply, leave internal notes and change status. Teammates leave the "me"
// agent's assignments and statuses alone; customers of those tickets still write in.
import { TOPIC_BY_KEY, type Topic } from '../content/topics';
import { plainToHtml } from '../dataset/comment-html';
import type { CommentKind } from '../dataset/comment-flags';
import { renderCommentText } from '../dataset/comment-text';
import { ordersForPerson } from '../dataset/orders';
import type { AgentInfo } from '../dataset/staff';
import { pickTopic, priorityFor, subjectFor, ticketMeta, ticketTags } from '../dataset/ticket-content';
import type { TicketMeta } from '../dataset/ticket-meta';
import type { DemoTicket, TicketStatus, TicketType } from '../dataset/types';
import { agentVia, customerVia } from '../dataset/via';
import type { Rng } from '../random/prng';
import type { ChangeResult, HelpdeskStore } from '../store/helpdesk-store';
import type { TicketChanges } from '../store/ticket-changes';
import { existingCustomer, newCustomer } from './live-customers';

export const LIVE_CHANGE_KINDS = ['new-ticket', 'customer-reply', 'assign', 'agent-reply', 'internal-note', 'status-change', 'delete-ticket'] as const;
export type LiveChangeKind = (typeof LIVE_CHANGE_KINDS)[number];

export interface LiveChange {
  kind: LiveChangeKind;
  ticketId: number;
  /** null for a deletion (it writes no audit). */
  auditId: number | null;
  commentId: number | null;
  /** Set when the change created a new customer. */
  newUserId: number | null;
}

/** How often each kind of change happens (deletions are drawn apart, see LiveSimulator). */
/** A change that wrote an audit. */
export type AuditedChange = LiveChange & { auditId: number };

export const ACTION_WEIGHTS: Readonly<Record<Exclude<LiveChangeKind, 'delete-ticket'>, number>> = {
  'new-ticket': 28,
  'customer-reply': 27,
  assign: 15,
  'agent-reply': 15,
  'internal-note': 8,
  'status-change': 7,
};

export class LiveActions {
  private readonly teammates: AgentInfo[];

  constructor(
    private readonly store: HelpdeskStore,
    private readonly rng: Rng,
  ) {
    const meId = store.meAgent.id;
    this.teammates = store.base.staff.agents.filter((a) => a.user.id !== meId);
  }

  run(kind: LiveChangeKind): LiveChange | null {
    switch (kind) {
      case 'delete-ticket':
        return this.deleteSpam();
      case 'new-ticket':
        return this.newTicket();
      case 'customer-reply':
        return this.customerReply();
      case 'assign':
        return this.assign();
      case 'agent-reply':
        return this.agentReply();
      case 'internal-note':
        return this.internalNote();
      case 'status-change':
        return this.statusChange();
    }
  }

  newTicket(): LiveChange {
    const { store, rng } = this;
    const customer = (rng.chance(0.6) ? existingCustomer(rng, store.base) : null) ?? newCustomer(rng, store);
    const isNewUser = store.base.user(customer.user.id) === undefined;
    const { user, person, channel } = customer;
    const id = store.ticketCount + 1;
    const now = store.clock.nowSec();
    const topic = pickTopic(rng, person.language);
    const orders = ordersForPerson(store.seed, person.id, person.language, person.tier, Math.floor(store.anchorTime / 1000));
    const meta = ticketMeta(id, now, orders, user, person, topic, channel, rng);
    const text = renderCommentText({ seed: store.seed, ticketId: id, index: 0, count: 1, kind: 'customer', firstAgentReply: false, status: 'new', meta, agent: null });
    const body = text.paragraphs.join('\n\n');
    const groupKey = person.language === 'ko' && rng.chance(0.6) ? 'korean' : topic.group;
    const type = rng.chance(0.85) ? rng.weighted(topic.types as Record<TicketType, number>) : null;
    const via = customerVia(meta);
    const subject = subjectFor(rng, meta, channel);
    const result = store.createTicket(
      {
        meta,
        ticket: {
          external_id: null,
          subject,
          raw_subject: subject,
          status: 'new',
          priority: priorityFor(rng, person.tier),
          type,
          requester_id: user.id,
          submitter_id: user.id,
          assignee_id: null,
          group_id: store.base.staff.groupIdByKey.get(groupKey) ?? null,
          organization_id: user.organization_id,
          collaborator_ids: [],
          follower_ids: [],
          email_cc_ids: [],
          tags: ticketTags(rng, topic, person, channel),
          via,
          recipient: channel === 'email' ? 'support@shiftdesk.example' : null,
          satisfaction_rating: null,
          custom_fields: [],
          is_public: true,
          has_incidents: false,
          problem_id: null,
          due_at: null,
          from_messaging_channel: channel === 'native_messaging' || channel === 'whatsapp',
          allow_attachments: true,
        },
        comment: { body, htmlBody: plainToHtml(text.paragraphs), public: true, authorId: user.id, via },
      },
      { updaterId: user.id, via },
    );
    return this.change('new-ticket', result, isNewUser ? user.id : null);
  }

  customerReply(): LiveChange | null {
    const ticket = this.pickUnsolved(() => true);
    if (!ticket) return null;
    const status: TicketStatus = ticket.status === 'new' ? 'new' : 'open';
    const result = this.comment(ticket, 'customer', null, status, { status });
    return result && this.change('customer-reply', result, null);
  }

  assign(): LiveChange | null {
    const ticket = this.pickUnsolved((t) => t.assignee_id === null);
    if (!ticket) return null;
    const teammate = this.rng.pick(this.teammates);
    const result = this.store.updateTicket(
      ticket.id,
      { assignee_id: teammate.user.id, status: ticket.status === 'new' ? 'open' : ticket.status, group_id: ticket.group_id ?? this.groupOf(teammate) },
      { updaterId: teammate.user.id, via: agentVia() },
    );
    return this.change('assign', result, null);
  }

  agentReply(): LiveChange | null {
    const ticket = this.pickUnsolved((t) => this.isTeammates(t));
    if (!ticket) return null;
    const status: TicketStatus = this.rng.chance(0.6) ? 'pending' : 'open';
    const result = this.comment(ticket, 'agent', this.assigneeOf(ticket), status, { status });
    return result && this.change('agent-reply', result, null);
  }

  internalNote(): LiveChange | null {
    const ticket = this.pickUnsolved(() => true);
    if (!ticket) return null;
    const result = this.comment(ticket, 'note', this.rng.pick(this.teammates), ticket.status, {});
    return result && this.change('internal-note', result, null);
  }

  statusChange(): LiveChange | null {
    const ticket = this.pickUnsolved((t) => this.isTeammates(t));
    if (!ticket) return null;
    const solve = this.rng.chance(0.7);
    const status: TicketStatus = solve ? 'solved' : 'hold';
    const result = this.comment(ticket, solve ? 'agent' : 'note', this.assigneeOf(ticket), status, { status });
    return result && this.change('status-change', result, null);
  }

  /**
   * A teammate deletes a new, unassigned ticket (spam): never a special ticket. null when there
   * is none to delete.
   */
  deleteSpam(): LiveChange | null {
    const special = new Set([this.store.hostileTicketId, this.store.sampleKoreanTicketId]);
    const ticket = this.pickUnsolved((t) => t.status === 'new' && t.assignee_id === null && !special.has(t.id));
    if (!ticket) return null;
    this.store.deleteTicket(ticket.id);
    return { kind: 'delete-ticket', ticketId: ticket.id, auditId: null, commentId: null, newUserId: null };
  }

  /**
   * `agent` writes on the ticket now, leaving its status alone: a public reply, or an internal
   * note (`publicReply` false). The text is generated like every other live comment.
   */
  commentAs(ticketId: number, agent: AgentInfo, publicReply: boolean): AuditedChange {
    const ticket = this.store.ticket(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    if (ticket.status === 'closed') throw new Error(`ticket ${ticketId} is closed`);
    const result = this.comment(ticket, publicReply ? 'agent' : 'note', agent, ticket.status, {});
    return this.change(publicReply ? 'agent-reply' : 'internal-note', result!, null);
  }

  // --- helpers --------------------------------------------------------------------------

  private comment(ticket: DemoTicket, kind: CommentKind, agent: AgentInfo | null, status: TicketStatus, changes: TicketChanges): ChangeResult | null {
    const meta = this.metaOf(ticket);
    const index = this.store.commentCountFor(ticket.id);
    const hasAgentReply = this.store.commentsFor(ticket.id).some((c) => c.public && c.author_id !== ticket.requester_id);
    const text = renderCommentText({
      seed: this.store.seed,
      ticketId: ticket.id,
      index,
      count: index + 1,
      kind,
      firstAgentReply: kind === 'agent' && !hasAgentReply,
      status,
      meta,
      agent,
    });
    const body = text.paragraphs.join('\n\n');
    const authorId = kind === 'customer' ? ticket.requester_id : (agent ?? this.rng.pick(this.teammates)).user.id;
    const via = kind === 'customer' ? customerVia(meta) : agentVia();
    return this.store.updateTicket(ticket.id, changes, {
      updaterId: authorId,
      via,
      comment: { body, htmlBody: plainToHtml(text.paragraphs), public: kind !== 'note', authorId, via },
    });
  }

  private pickUnsolved(accept: (ticket: DemoTicket) => boolean): DemoTicket | null {
    const { unsolved } = this.store;
    for (let attempt = 0; attempt < 30 && unsolved.size > 0; attempt++) {
      const id = unsolved.at(this.rng.int(unsolved.size));
      const ticket = id === undefined ? undefined : this.store.ticket(id);
      if (ticket && accept(ticket)) return ticket;
    }
    return null;
  }

  private isTeammates(ticket: DemoTicket): boolean {
    return ticket.assignee_id !== null && ticket.assignee_id !== this.store.meAgent.id;
  }

  private assigneeOf(ticket: DemoTicket): AgentInfo {
    return (ticket.assignee_id !== null ? this.store.base.agentInfo(ticket.assignee_id) : undefined) ?? this.rng.pick(this.teammates);
  }

  private groupOf(agent: AgentInfo): number | null {
    return this.store.base.staff.groupIdByKey.get(agent.groupKey) ?? null;
  }

  private metaOf(ticket: DemoTicket): TicketMeta {
    const meta = this.store.metaOf(ticket.id);
    if (meta) return meta;
    // Every ticket has a meta; this fallback only guards against future writers forgetting one.
    const topic = TOPIC_BY_KEY.get('product_question') as Topic;
    return {
      language: 'en',
      topic: topic.key,
      channel: 'email',
      openerIndex: 0,
      personId: 0,
      greetingName: 'there',
      customerFullName: 'Customer',
      customerPhone: null,
      customerEmail: null,
      customerHandle: null,
      values: { name: 'there', order: '', product: '', amount: '', tracking: '', card: '', date: '' },
      hostile: false,
    };
  }

  private change(kind: LiveChangeKind, result: ChangeResult, newUserId: number | null): AuditedChange {
    return { kind, ticketId: result.ticket.id, auditId: result.audit.id, commentId: result.comment?.id ?? null, newUserId };
  }
}

