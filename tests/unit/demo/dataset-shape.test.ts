import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, generateDataset, viaTypeOf, type DemoTicket, type GeneratedDataset } from '../../../src-main/demo';

const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);
const UNSOLVED = new Set(['new', 'open', 'pending', 'hold']);
const HANGUL = /[\uac00-\ud7a3]/;

describe('dataset shape (3000 cases)', () => {
  let ds: GeneratedDataset;
  let tickets: DemoTicket[];
  beforeAll(() => {
    ds = generateDataset({ seed: 11, cases: 3000, anchorTime });
    tickets = ds.tickets();
  });

  it('has the expected record counts', () => {
    expect(ds.ticketCount).toBe(3000);
    // About 1% were deleted; tickets() leaves them out.
    const deleted = new Set(ds.deletedTicketIds());
    expect(deleted.size).toBe(30);
    expect(tickets.map((t) => t.id)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1).filter((id) => !deleted.has(id)));
    expect(ds.endUsers().length).toBeGreaterThanOrEqual(1500);
    expect(ds.endUsers().length).toBeLessThanOrEqual(1503);
    const agents = ds.agents();
    expect(agents.length).toBe(9 + 2 + 1); // the team, two former agents, the restricted agent
    expect(agents.filter((a) => a.active && !a.suspended)).toHaveLength(10);
    expect(agents.filter((a) => a.restricted_agent)).toEqual([ds.restrictedAgent]);
    expect(agents.filter((a) => a.role === 'admin')).toHaveLength(1);
    expect(agents.some((a) => a.id === ds.meAgent.id)).toBe(true);
    expect(ds.groups().map((g) => g.name)).toContain('한국 지원');
    expect(ds.groups()).toHaveLength(6);
    expect(ds.organizations()).toHaveLength(6);
    expect(ds.userCount).toBe(agents.length + ds.endUsers().length);
  });

  it('mixes every channel, e-mail first', () => {
    const counts = new Map<string, number>();
    for (const t of tickets) {
      const type = viaTypeOf(t.via.channel) ?? 'unknown';
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const channel of CHANNELS) expect(counts.get(channel) ?? 0).toBeGreaterThan(30);
    const email = counts.get('email') ?? 0;
    expect(email / tickets.length).toBeGreaterThan(0.3);
    expect(Math.max(...counts.values())).toBe(email);
  });

  it('has about 15% Korean tickets written in Hangul', () => {
    const korean = tickets.filter((t) => t.tags.includes('korean'));
    expect(korean.length / tickets.length).toBeGreaterThan(0.1);
    expect(korean.length / tickets.length).toBeLessThan(0.22);
    expect(korean.every((t) => HANGUL.test(t.description))).toBe(true);
    const sample = ds.ticket(ds.sampleKoreanTicketId);
    expect(sample?.subject).toContain('환불');
    expect(sample?.tags).toContain('korean');
  });

  it('has about ten comments per ticket with a long tail up to 40', () => {
    const mean = ds.commentCount / ds.ticketCount;
    expect(mean).toBeGreaterThan(8.5);
    expect(mean).toBeLessThan(11.5);
    const counts = tickets.map((t) => ds.commentCountFor(t.id));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
    expect(counts.filter((c) => c >= 25).length).toBeGreaterThan(0);
  });

  it('keeps about 10% unsolved, 60% of those assigned', () => {
    const unsolved = tickets.filter((t) => UNSOLVED.has(t.status));
    expect(unsolved.length / tickets.length).toBeCloseTo(0.1, 2);
    const assigned = unsolved.filter((t) => t.assignee_id !== null);
    expect(assigned.length / unsolved.length).toBeGreaterThan(0.55);
    expect(assigned.length / unsolved.length).toBeLessThan(0.65);
    expect(tickets.filter((t) => t.status === 'closed').length).toBeGreaterThan(tickets.length * 0.6);
    for (const t of tickets) {
      if (t.status === 'pending' || t.status === 'hold' || t.status === 'solved' || t.status === 'closed') expect(t.assignee_id).not.toBeNull();
      if (t.status === 'new') expect(t.assignee_id).toBeNull();
    }
  });

  it('gives the "me" agent 20-40 open, pending or on-hold tickets', () => {
    const mine = tickets.filter((t) => t.assignee_id === ds.meAgent.id && UNSOLVED.has(t.status));
    expect(mine.length).toBeGreaterThanOrEqual(20);
    expect(mine.length).toBeLessThanOrEqual(40);
    expect(mine.every((t) => t.status !== 'new')).toBe(true);
  });

  it('rates about 30% of solved tickets', () => {
    const solved = tickets.filter((t) => t.status === 'solved' || t.status === 'closed');
    const rated = solved.filter((t) => t.satisfaction_rating?.score === 'good' || t.satisfaction_rating?.score === 'bad');
    expect(rated.length / solved.length).toBeGreaterThan(0.25);
    expect(rated.length / solved.length).toBeLessThan(0.35);
    expect(tickets.filter((t) => UNSOLVED.has(t.status)).every((t) => t.satisfaction_rating === null)).toBe(true);
  });

  it('tells coherent conversations', () => {
    const seenIds = new Set<number>();
    for (const t of tickets.filter((_, i) => i % 7 === 0)) {
      const comments = ds.commentsFor(t.id);
      expect(comments.length).toBe(ds.commentCountFor(t.id));
      expect(comments[0]?.author_id).toBe(t.requester_id);
      expect(comments[0]?.body).toBe(t.description);
      expect(comments[0]?.created_at).toBe(t.created_at);
      expect(Date.parse(t.updated_at) / 1000).toBe(t.generated_timestamp);
      for (let i = 1; i < comments.length; i++) expect((comments[i]?.created_at ?? '') >= (comments[i - 1]?.created_at ?? '')).toBe(true);
      for (const c of comments) {
        expect(seenIds.has(c.id)).toBe(false);
        seenIds.add(c.id);
        expect(c.audit_id).toBe(c.id - 1);
        expect(c.html_body.startsWith('<div class="zd-comment"')).toBe(true);
      }
      const last = comments[comments.length - 1];
      if (t.status === 'pending' || t.status === 'solved' || t.status === 'closed') {
        expect(last?.public).toBe(true);
        expect(last?.author_id).not.toBe(t.requester_id);
      }
      if (t.status === 'hold') expect(last?.public).toBe(false);
    }
  });

  it('includes internal notes, rich e-mails and attachments', () => {
    let notes = 0;
    let rich = 0;
    let inlineImages = 0;
    let attachments = 0;
    for (const t of tickets.filter((_, i) => i % 3 === 0)) {
      for (const c of ds.commentsFor(t.id)) {
        if (!c.public) notes++;
        if (c.html_body.includes('<blockquote')) rich++;
        if (c.html_body.includes('<img src="http://demo.shiftdesk.example/attachments/')) inlineImages++;
        attachments += c.attachments.length;
      }
    }
    expect(notes).toBeGreaterThan(100);
    expect(rich).toBeGreaterThan(20);
    expect(inlineImages).toBeGreaterThan(5);
    expect(attachments).toBeGreaterThan(50);
  });

  it('contains one hostile HTML e-mail in the "me" queue', () => {
    const ticket = ds.ticket(ds.hostileTicketId);
    expect(ticket?.via.channel).toBe('email');
    expect(ticket?.assignee_id).toBe(ds.meAgent.id);
    expect(ticket?.status).toBe('open');
    const html = ds.commentsFor(ds.hostileTicketId)[0]?.html_body ?? '';
    for (const vector of ['<script', 'onerror=', 'javascript:', '<object', '<svg', '<math', '<iframe', 'http://tracker.invalid/pixel.gif', 'position:fixed']) {
      expect(html).toContain(vector);
    }
    expect(ticket?.description).not.toContain('<');
  });

  it('has a same-second burst of audits from the close automation', () => {
    expect(ds.largestEventBurst.count).toBeGreaterThanOrEqual(20);
    expect(ds.auditCount).toBeGreaterThan(ds.commentCount);
  });
});
