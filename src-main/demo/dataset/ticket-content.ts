// What a ticket is about and how it reads: its meta (language, topic, order), subject, tags and
// priority. Shared by generation and by live traffic.
import { CATALOG, formatMoney, localPrice } from '../content/catalog';
import { fillTemplate } from '../content/fill-template';
import { TEXT, TOPICS_BY_LANGUAGE } from '../content/text-index';
import { EXTRA_TAGS, type Topic } from '../content/topics';
import type { Rng } from '../random/prng';
import { DAY, dateFromUnix } from '../util/time';
import type { OrderWithTime } from './orders';
import type { Person } from './people';
import type { TicketMeta } from './ticket-meta';
import type { Channel, DemoUser, Language, TicketPriority } from './types';

/** Channels where both sides answer within minutes. */
export const REALTIME_CHANNELS: ReadonlySet<Channel> = new Set(['chat', 'native_messaging', 'whatsapp', 'voice']);

const PRIORITY_WEIGHTS = { urgent: 4, high: 16, normal: 55, low: 10, none: 15 } as const;

export function pickTopic(rng: Rng, language: Language): Topic {
  const topics = TOPICS_BY_LANGUAGE[language];
  return topics[rng.weightedIndex(topics.map((t) => t.weight))] as Topic;
}

/**
 * Facts for rendering the ticket's messages. The ticket is about the customer's latest order
 * before it was opened, as the CRM shows it.
 */
export function ticketMeta(
  ticketId: number,
  createdAt: number,
  orders: readonly OrderWithTime[],
  requester: DemoUser,
  person: Person,
  topic: Topic,
  channel: Channel,
  rng: Rng,
): TicketMeta {
  const language = person.language;
  const order = orders.find((o) => o.placedAtSec < createdAt) ?? orders[orders.length - 1];
  const productIndex = order && order.productIndex >= 0 ? order.productIndex : rng.int(CATALOG.length);
  const product = CATALOG[productIndex] as (typeof CATALOG)[number];
  const tracking = language === 'ko' ? rng.digits(12) : `1Z${rng.token(6).toUpperCase()}${rng.digits(10)}`;
  const topicText = TEXT[language].topics[topic.key] ?? TEXT.en.topics[topic.key];
  return {
    language,
    topic: topic.key,
    channel,
    openerIndex: rng.int(topicText?.openers.length ?? 1),
    personId: person.id,
    greetingName: person.name.greeting,
    customerFullName: person.name.full,
    customerPhone: requester.phone,
    customerEmail: requester.email,
    customerHandle: requester.user_fields.twitter_handle,
    hostile: false,
    values: {
      order: order ? order.number : `SD-${1_000_000 + (ticketId % 9_000_000)}`,
      product: product.name[language],
      amount: formatMoney(localPrice(product.priceUsd, language), language),
      tracking,
      card: rng.digits(4),
      date: dateFromUnix(order ? order.placedAtSec : createdAt - 5 * DAY),
      name: person.name.greeting,
    },
  };
}

export function ticketTags(rng: Rng, topic: Topic, person: Person, channel: Channel): string[] {
  const tags = new Set<string>(topic.tags);
  if (person.tier !== 'standard') tags.add(person.tier);
  if (person.language === 'ko') tags.add('korean');
  if (channel === 'whatsapp' || channel === 'twitter' || channel === 'facebook') tags.add('social');
  if (rng.chance(0.2)) tags.add(rng.pick(EXTRA_TAGS));
  return [...tags].sort();
}

export function priorityFor(rng: Rng, tier: Person['tier']): TicketPriority | null {
  const p = rng.weighted(PRIORITY_WEIGHTS);
  const priority = p === 'none' ? null : p;
  if (tier === 'vip' && (priority === null || priority === 'normal' || priority === 'low') && rng.chance(0.5)) return 'high';
  return priority;
}

/** Subjects as Zendesk makes them: chats and calls get system titles unless an agent renamed them. */
export function subjectFor(rng: Rng, meta: TicketMeta, channel: Channel): string {
  const text = TEXT[meta.language].topics[meta.topic] ?? TEXT.en.topics[meta.topic];
  const topicSubject = fillTemplate(rng.pick(text?.subjects ?? ['Support request']), meta.values);
  const renamed = rng.chance(0.4);
  switch (channel) {
    case 'chat':
      return renamed ? topicSubject : `Chat with ${meta.customerFullName}`;
    case 'native_messaging':
    case 'whatsapp':
      return renamed ? topicSubject : `Conversation with ${meta.customerFullName}`;
    case 'voice':
      return renamed ? topicSubject : `Call from: ${meta.customerPhone ?? 'unknown number'}`;
    case 'twitter':
    case 'facebook': {
      // Social tickets are titled with the start of the first message.
      const opener = fillTemplate(text?.openers[meta.openerIndex] ?? topicSubject, meta.values);
      return opener.length > 60 ? `${opener.slice(0, 57).trimEnd()}...` : opener;
    }
    default:
      return topicSubject;
  }
}
