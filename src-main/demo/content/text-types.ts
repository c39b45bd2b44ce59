// Shape of per-language text. Placeholders: {name} customer greeting name, {agent} agent first
// name, {order} order number, {product}, {date}, {amount}, {tracking}, {card} (last four digits).
// Korean templates may attach a particle to a placeholder, e.g. {product|을/를}, and the right
// form is chosen from the word's final consonant.
import type { TopicKey } from './topics';

export interface TopicText {
  subjects: readonly string[];
  openers: readonly string[];
}

export interface LanguageText {
  topics: Readonly<Partial<Record<TopicKey, TopicText>>>;
  /** Customer messages after the first one. */
  followUps: readonly string[];
  /** The customer's last words on a solved ticket. */
  thanks: readonly string[];
  /** First public agent reply. */
  agentFirst: readonly string[];
  /** Later public agent replies. */
  agentReplies: readonly string[];
  /** Agent reply that solves the ticket. */
  agentSolve: readonly string[];
  /** Agent reply that asks the customer for something (ticket goes pending). */
  agentAsk: readonly string[];
  /** Internal notes between agents. */
  notes: readonly string[];
  greeting: string;
  signOff: string;
  /** Satisfaction comments: [good, bad]. */
  csat: readonly [readonly string[], readonly string[]];
}
