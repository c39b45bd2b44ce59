// Generation-time facts about a ticket that are not served but are needed to render its
// comments on demand (language, topic, the order it is about...).
import type { TemplateValues } from '../content/fill-template';
import type { TopicKey } from '../content/topics';
import type { Channel, Language } from './types';

export interface TicketMeta {
  language: Language;
  topic: TopicKey;
  channel: Channel;
  /** Index into the topic's openers, so the subject of social tickets matches the first message. */
  openerIndex: number;
  personId: number;
  /** Customer's name as used in greetings. */
  greetingName: string;
  customerFullName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  customerHandle: string | null;
  values: TemplateValues;
  hostile: boolean;
}
