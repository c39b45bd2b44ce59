// What customers write about. Each topic routes to a group, carries tags, and has text per
// language in ./text-*.ts.
import type { TicketType } from '../dataset/types';

export type TopicKey =
  | 'refund'
  | 'shipping_delay'
  | 'payment_error'
  | 'cancel_order'
  | 'login_problem'
  | 'damaged_item'
  | 'exchange'
  | 'app_bug'
  | 'promo_code'
  | 'subscription_cancel'
  | 'address_change'
  | 'product_question';

export type GroupKey = 'billing' | 'technical' | 'shipping' | 'returns' | 'vip' | 'korean';

export interface Topic {
  key: TopicKey;
  weight: number;
  group: GroupKey;
  tags: readonly string[];
  types: Readonly<Partial<Record<TicketType, number>>>;
}

export const TOPICS: readonly Topic[] = [
  { key: 'refund', weight: 12, group: 'billing', tags: ['refund', 'billing'], types: { question: 5, incident: 3, task: 1 } },
  { key: 'shipping_delay', weight: 14, group: 'shipping', tags: ['shipping', 'delay'], types: { incident: 6, question: 3 } },
  { key: 'payment_error', weight: 9, group: 'billing', tags: ['billing', 'payment_error'], types: { incident: 5, problem: 2 } },
  { key: 'cancel_order', weight: 8, group: 'shipping', tags: ['cancel', 'order'], types: { task: 4, question: 3 } },
  { key: 'login_problem', weight: 9, group: 'technical', tags: ['login', 'account'], types: { incident: 5, problem: 1 } },
  { key: 'damaged_item', weight: 8, group: 'returns', tags: ['damaged', 'return'], types: { incident: 6, task: 1 } },
  { key: 'exchange', weight: 6, group: 'returns', tags: ['exchange', 'return'], types: { task: 4, question: 2 } },
  { key: 'app_bug', weight: 8, group: 'technical', tags: ['bug', 'mobile_app'], types: { problem: 3, incident: 4 } },
  { key: 'promo_code', weight: 5, group: 'billing', tags: ['promo', 'coupon'], types: { question: 4, incident: 2 } },
  { key: 'subscription_cancel', weight: 6, group: 'billing', tags: ['subscription', 'cancel'], types: { task: 4, question: 2 } },
  { key: 'address_change', weight: 5, group: 'shipping', tags: ['address_change', 'shipping'], types: { task: 5 } },
  { key: 'product_question', weight: 10, group: 'technical', tags: ['product_question'], types: { question: 8 } },
];

export const TOPIC_BY_KEY: ReadonlyMap<TopicKey, Topic> = new Map(TOPICS.map((t) => [t.key, t]));

/** Extra tags agents and triggers add now and then. */
export const EXTRA_TAGS: readonly string[] = [
  'repeat_customer', 'follow_up', 'escalated', 'first_contact', 'proactive', 'sla_breach_risk', 'gift_order', 'wholesale',
];
