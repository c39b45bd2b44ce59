// First stage of ticket generation: when each ticket was created, who wrote in through which
// channel, what about, and its current status and assignee.
import { TEXT } from '../content/text-index';
import { TOPIC_BY_KEY, type GroupKey, type Topic } from '../content/topics';
import { HISTORY_DAYS, SATISFACTION_ID_BASE } from '../constants';
import { Rng } from '../random/prng';
import { DAY, HOUR, MINUTE } from '../util/time';
import { ordersForPerson, type OrderWithTime } from './orders';
import type { EndUserRecord, Person } from './people';
import type { AgentInfo, Staff } from './staff';
import { pickTopic, priorityFor, REALTIME_CHANNELS, subjectFor, ticketMeta, ticketTags } from './ticket-content';
import type { TicketMeta } from './ticket-meta';
import type { Channel, Language, SatisfactionRating, TicketPriority, TicketStatus, TicketType } from './types';

export interface TicketPlan {
  id: number;
  createdAt: number;
  requester: EndUserRecord;
  status: TicketStatus;
  assignee: AgentInfo | null;
  groupId: number | null;
  priority: TicketPriority | null;
  type: TicketType | null;
  tags: string[];
  subject: string;
  commentCount: number;
  satisfaction: SatisfactionRating | null;
  meta: TicketMeta;
}

export interface PlanInput {
  seed: number;
  cases: number;
  anchorSec: number;
  staff: Staff;
  persons: readonly Person[];
  endUsers: readonly EndUserRecord[];
}

export interface TicketPlans {
  plans: TicketPlan[];
  hostileTicketId: number;
  sampleKoreanTicketId: number;
}

const CHANNEL_WEIGHTS: Readonly<Record<Channel, number>> = {
  email: 38,
  web: 17,
  chat: 10,
  native_messaging: 13,
  whatsapp: 7,
  twitter: 5,
  facebook: 4,
  voice: 6,
};
const ASSIGNED_STATUS = { open: 45, pending: 35, hold: 20 } as const;
const UNASSIGNED_STATUS = { new: 65, open: 35 } as const;

/** Requesters that can plausibly write in through each channel. */
class RequesterPools {
  readonly email: EndUserRecord[] = [];
  readonly phone: EndUserRecord[] = [];
  readonly twitter: EndUserRecord[] = [];
  readonly whatsapp: EndUserRecord[] = [];
  readonly facebook: EndUserRecord[] = [];
  readonly emailByLanguage = new Map<Language, EndUserRecord[]>();

  constructor(endUsers: readonly EndUserRecord[]) {
    for (const record of endUsers) {
      if (record.user.suspended) continue;
      if (record.kind === 'email') {
        this.email.push(record);
        if (record.user.phone) this.phone.push(record);
        const list = this.emailByLanguage.get(record.language) ?? [];
        list.push(record);
        this.emailByLanguage.set(record.language, list);
      } else {
        this[record.kind].push(record);
      }
    }
  }

  forChannel(channel: Channel): EndUserRecord[] {
    switch (channel) {
      case 'twitter':
        return this.twitter;
      case 'whatsapp':
        return this.whatsapp;
      case 'facebook':
        return this.facebook;
      case 'voice':
        return this.phone;
      default:
        return this.email;
    }
  }
}

export function planTickets(input: PlanInput): TicketPlans {
  const { seed, cases, anchorSec, staff, persons } = input;
  const rng = Rng.derive(seed, 'tickets');
  const pools = new RequesterPools(input.endUsers);

  // Creation times over the history, denser towards the anchor; ids follow creation order.
  const createdAt: number[] = [];
  for (let i = 0; i < cases; i++) {
    const age = HISTORY_DAYS * DAY * Math.pow(rng.next(), 1.5);
    createdAt.push(anchorSec - 20 * MINUTE - Math.floor(age));
  }
  createdAt.sort((a, b) => a - b);

  // About 10% unsolved, biased towards recent tickets; 60% of those assigned.
  const unsolvedCount = Math.max(1, Math.round(cases * 0.1));
  const byRecency = createdAt.map((t, i) => ({ i, score: (anchorSec - t) * (0.25 + rng.next()) }));
  byRecency.sort((a, b) => a.score - b.score || a.i - b.i);
  const unsolved = rng.shuffle(byRecency.slice(0, unsolvedCount).map((x) => x.i));
  const assignedCount = Math.round(unsolved.length * 0.6);
  const meTarget = cases >= 1000 ? rng.range(20, 40) : Math.max(1, Math.round(cases * 0.03));
  const meCount = Math.min(meTarget, assignedCount);

  const status: TicketStatus[] = new Array<TicketStatus>(cases).fill('solved');
  const assignedToMe = new Set<number>();
  const unsolvedAssigned = new Set<number>();
  unsolved.forEach((index, k) => {
    if (k < assignedCount) {
      unsolvedAssigned.add(index);
      if (k < meCount) assignedToMe.add(index);
      status[index] = rng.weighted(ASSIGNED_STATUS);
    } else {
      status[index] = rng.weighted(UNASSIGNED_STATUS);
    }
  });

  // Special tickets sit in the "me" agent's queue so they show up in the demo inbox.
  const meIndexes = [...assignedToMe].sort((a, b) => b - a);
  const hostileIndex = meIndexes[0] ?? (unsolved[0] as number);
  const koreanIndex = meIndexes[1] ?? (hostileIndex === cases - 1 ? 0 : cases - 1);
  status[hostileIndex] = 'open';
  if (!assignedToMe.has(hostileIndex)) assignedToMe.add(hostileIndex);
  unsolvedAssigned.add(hostileIndex);

  const plans: TicketPlan[] = [];
  // Orders per person, computed once however many tickets the person opens.
  const orderCache = new Map<number, OrderWithTime[]>();
  const ordersOf = (person: Person): OrderWithTime[] => {
    let orders = orderCache.get(person.id);
    if (!orders) {
      orders = ordersForPerson(seed, person.id, person.language, person.tier, anchorSec);
      orderCache.set(person.id, orders);
    }
    return orders;
  };
  for (let i = 0; i < cases; i++) {
    const id = i + 1;
    let channel: Channel = rng.weighted(CHANNEL_WEIGHTS);
    let requester: EndUserRecord;
    let topic: Topic;
    if (i === hostileIndex) {
      channel = 'email';
      requester = rng.pick(pools.emailByLanguage.get('en') ?? pools.email);
      topic = TOPIC_BY_KEY.get('payment_error') as Topic;
    } else if (i === koreanIndex) {
      channel = rng.chance(0.5) ? 'email' : 'web';
      requester = rng.pick(pools.emailByLanguage.get('ko') ?? pools.email);
      topic = TOPIC_BY_KEY.get('refund') as Topic;
    } else {
      let pool = pools.forChannel(channel);
      if (pool.length === 0) {
        channel = 'email';
        pool = pools.email;
      }
      // Some customers write in far more often than others.
      requester = pool[Math.floor(pool.length * Math.pow(rng.next(), 1.3))] as EndUserRecord;
      topic = pickTopic(rng, requester.language);
    }
    const person = persons[requester.personId] as Person;
    const language = requester.language;
    const ticketStatus = status[i] as TicketStatus;
    const assigned = ticketStatus === 'solved' || unsolvedAssigned.has(i);

    let groupKey: GroupKey | null = topic.group;
    if (language === 'ko' && rng.chance(0.6)) groupKey = 'korean';
    else if (person.tier === 'vip' && rng.chance(0.5)) groupKey = 'vip';
    if (!assigned && ticketStatus === 'new' && rng.chance(0.4)) groupKey = null;

    let assignee: AgentInfo | null = null;
    if (assignedToMe.has(i)) assignee = staff.me;
    else if (assigned) {
      assignee = pickAgent(rng, staff, groupKey, ticketStatus === 'solved');
      if (groupKey !== null && assignee.groupKey !== groupKey && rng.chance(0.5)) groupKey = assignee.groupKey;
    }
    const groupId = groupKey === null ? null : (staff.groupIdByKey.get(groupKey) ?? null);

    const meta = ticketMeta(id, createdAt[i] as number, ordersOf(person), requester.user, person, topic, channel, rng);
    meta.hostile = i === hostileIndex;
    const tags = ticketTags(rng, topic, person, channel);
    let priority = priorityFor(rng, person.tier);
    if (meta.hostile) priority = 'high';
    const type = rng.chance(0.85) ? rng.weighted(topic.types as Record<TicketType, number>) : null;

    plans.push({
      id,
      createdAt: createdAt[i] as number,
      requester,
      status: ticketStatus,
      assignee,
      groupId,
      priority,
      type,
      tags,
      subject: meta.hostile ? `Invoice ${meta.values.order ?? ''} overdue – action required` : subjectFor(rng, meta, channel),
      commentCount: commentCountFor(rng, ticketStatus, assigned, meta.hostile, anchorSec - (createdAt[i] as number), REALTIME_CHANNELS.has(channel)),
      satisfaction: satisfactionFor(rng, id, ticketStatus, language),
      meta,
    });
  }
  return { plans, hostileTicketId: hostileIndex + 1, sampleKoreanTicketId: koreanIndex + 1 };
}

function pickAgent(rng: Rng, staff: Staff, groupKey: GroupKey | null, includeMe: boolean): AgentInfo {
  const candidates = staff.agents.filter((a) => (includeMe || a !== staff.me) && (groupKey === null || a.groupKey === groupKey));
  if (candidates.length > 0 && rng.chance(0.85)) return rng.pick(candidates);
  const anyone = staff.agents.filter((a) => includeMe || a !== staff.me);
  return rng.pick(anyone);
}

function commentCountFor(rng: Rng, status: TicketStatus, assigned: boolean, hostile: boolean, ageSec: number, realtime: boolean): number {
  if (status === 'new') return rng.chance(0.75) ? 1 : 2;
  if (!assigned) return rng.range(1, 3);
  const n = Math.round(rng.logNormal(8, 0.78));
  // A young e-mail ticket has not had time for a long back-and-forth.
  const fits = 1 + Math.floor(ageSec / (realtime ? 90 : 4 * HOUR));
  return Math.max(hostile ? 3 : 2, Math.min(40, n, fits));
}

function satisfactionFor(rng: Rng, ticketId: number, status: TicketStatus, language: Language): SatisfactionRating | null {
  if (status !== 'solved') return null;
  const roll = rng.next();
  if (roll < 0.3) {
    const good = rng.chance(0.8);
    const comments = TEXT[language].csat[good ? 0 : 1];
    const rating: SatisfactionRating = { id: SATISFACTION_ID_BASE + ticketId, score: good ? 'good' : 'bad' };
    if (rng.chance(0.5)) rating.comment = rng.pick(comments);
    return rating;
  }
  if (roll < 0.45) return { score: 'offered' };
  return { score: 'unoffered' };
}

