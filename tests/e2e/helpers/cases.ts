import type { Locator } from '@playwright/test';
import type { DemoComment, DemoTicket, DemoUser } from '../../../src-main/demo/index';
import type { DemoTruth } from './demo-truth';

// Picks demo cases with the properties a test needs, from the helpdesk's truth.

export interface RichCase {
  ticket: DemoTicket;
  comments: DemoComment[];
  requester: DemoUser;
  /** Other tickets of the same requester record. */
  siblings: DemoTicket[];
}

const LATIN = /^[\x20-\x7e]+$/;

/**
 * A case with a thread of at least `minComments` messages including an internal note, whose
 * requester (with an e-mail) has other cases too. Deterministic for a given dataset.
 */
export async function findRichCase(truth: DemoTruth, options: { exclude?: number[]; minComments?: number; english?: boolean } = {}): Promise<RichCase> {
  const tickets = await truth.tickets();
  const byRequester = new Map<number, DemoTicket[]>();
  for (const t of tickets) byRequester.set(t.requester_id, [...(byRequester.get(t.requester_id) ?? []), t]);
  const candidates = tickets
    .filter((t) => !(options.exclude ?? []).includes(t.id))
    .filter((t) => (byRequester.get(t.requester_id)?.length ?? 0) >= 2)
    .filter((t) => (options.english ?? true ? LATIN.test(t.subject) : true))
    .sort((a, b) => b.id - a.id);
  for (const ticket of candidates) {
    const comments = await truth.comments(ticket.id);
    if (comments.length < (options.minComments ?? 4) || !comments.some((c) => !c.public)) continue;
    const requester = await truth.user(ticket.requester_id);
    if (!requester.email) continue;
    const siblings = byRequester.get(ticket.requester_id)!.filter((t) => t.id !== ticket.id);
    return { ticket, comments, requester, siblings };
  }
  throw new Error('no demo case with a long thread, an internal note and a requester with other cases');
}

/** The text a thread message shows: its own text plus the text of a sandboxed HTML frame inside it. */
export async function articleText(article: Locator): Promise<string> {
  let text = await article.innerText();
  const frames = article.locator('iframe');
  if ((await frames.count()) > 0) text += `\n${await frames.first().contentFrame().locator('body').innerText()}`;
  return text.replace(/\s+/g, ' ');
}
