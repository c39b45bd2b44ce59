// Renders the text of a comment from the seed and its place in the conversation, so a million
// comments need no stored bodies. The same inputs always give the same text.
import { fillTemplate } from '../content/fill-template';
import { TEXT } from '../content/text-index';
import type { LanguageText } from '../content/text-types';
import { Rng } from '../random/prng';
import type { CommentKind } from './comment-flags';
import type { AgentInfo } from './staff';
import type { TicketMeta } from './ticket-meta';
import type { TicketStatus } from './types';

export interface CommentTextInput {
  seed: number;
  ticketId: number;
  /** Position in the conversation (0 = the customer's first message). */
  index: number;
  count: number;
  kind: CommentKind;
  /** True for the first public reply by an agent. */
  firstAgentReply: boolean;
  /** The ticket's status at the end of the generated history. */
  status: TicketStatus;
  meta: TicketMeta;
  /** The author, for agent comments. */
  agent: AgentInfo | null;
}

export interface CommentText {
  paragraphs: string[];
}

const SIGNED_CHANNELS = new Set(['email', 'web']);

export function renderCommentText(input: CommentTextInput): CommentText {
  const { meta, kind } = input;
  const text = TEXT[meta.language];
  const rng = Rng.derive(input.seed, 'comment', input.ticketId, input.index);
  const agentName = input.agent ? (meta.language === 'ko' ? (input.agent.koreanName ?? input.agent.firstName) : input.agent.firstName) : '';
  const values = { ...meta.values, agent: agentName };
  const fill = (template: string): string => fillTemplate(template, values);

  if (kind === 'customer') return { paragraphs: customerText(rng, input, text, fill) };
  if (kind === 'note') {
    const notes = meta.language === 'ko' ? text.notes : TEXT.en.notes;
    return { paragraphs: [fill(rng.pick(notes))] };
  }
  const isLast = input.index === input.count - 1;
  let body: string;
  if (isLast && input.status === 'pending') body = rng.pick(text.agentAsk);
  else if (isLast && (input.status === 'solved' || input.status === 'closed')) body = rng.pick(text.agentSolve);
  else if (input.firstAgentReply) body = rng.pick(text.agentFirst);
  else body = rng.chance(0.2) ? rng.pick(text.agentAsk) : rng.pick(text.agentReplies);
  if (!SIGNED_CHANNELS.has(meta.channel)) return { paragraphs: [fill(body)] };
  return { paragraphs: [fill(text.greeting), fill(body), fill(text.signOff)] };
}

function customerText(rng: Rng, input: CommentTextInput, text: LanguageText, fill: (t: string) => string): string[] {
  const { meta } = input;
  if (input.index > 0) {
    const closing = (input.status === 'solved' || input.status === 'closed') && input.index === input.count - 2;
    const line = fill(closing && rng.chance(0.6) ? rng.pick(text.thanks) : rng.pick(text.followUps));
    return meta.channel === 'email' ? [line, emailSignature(rng, meta)] : [line];
  }
  const topicText = text.topics[meta.topic] ?? TEXT.en.topics[meta.topic];
  const opener = fill(topicText?.openers[meta.openerIndex] ?? topicText?.openers[0] ?? '');
  switch (meta.channel) {
    case 'twitter':
      return [`@ShiftdeskHelp ${opener}`];
    case 'voice': {
      const minutes = rng.range(1, 14);
      const seconds = String(rng.int(60)).padStart(2, '0');
      return [`Inbound call from ${meta.customerPhone ?? 'unknown number'}\nCall duration: ${minutes}:${seconds}`, `Call summary: ${opener}`];
    }
    case 'email':
      return [opener, emailSignature(rng, meta)];
    default:
      return [opener];
  }
}

function emailSignature(rng: Rng, meta: TicketMeta): string {
  const signature = meta.customerFullName;
  if (!rng.chance(0.15)) return signature;
  return `${signature}\n\n${meta.language === 'ko' ? 'iPhone에서 보냄' : 'Sent from my iPhone'}`;
}
