import { describe, expect, it } from 'vitest';
import { RecordReader } from '../../../../src-main/core/connectors/zendesk/record-reader';
import { channelOfVia } from '../../../../src-main/core/connectors/zendesk/via';
import { commentsPage, ticketEventsPage, ticketExportPage, usersPage } from './fixtures/documented-shapes';

// The tolerant reader against shapes written from Zendesk's documentation
// (docs/zendesk-conformance.md): one record never rejects a page.

describe('ticket export page', () => {
  const reader = new RecordReader();
  const { cases, deleted } = reader.tickets(ticketExportPage.tickets);
  const byId = new Map(cases.map((c) => [c.remoteId, c]));

  it('keeps every readable ticket and leaves out the two unreadable ones', () => {
    expect([...byId.keys()]).toEqual(['35436', '35437', '35438', '35439', '35442']);
    const skipped = reader.issues.filter((i) => i.issue === 'skipped');
    expect(skipped.map((i) => [i.kind, i.remoteId])).toEqual([
      ['ticket', '35443'],
      ['ticket', null],
    ]);
    expect(skipped[0]!.detail).toMatch(/updated_at/);
    expect(skipped[1]!.detail).toMatch(/^id:/);
  });

  it('recognises deleted tickets, full or reduced to an id, and never returns them as cases', () => {
    expect(deleted.map((d) => d.remoteId)).toEqual(['35440', '35441']);
    expect(deleted[0]!.generatedTs).toBe(1304672400);
    expect(Number.isInteger(deleted[1]!.generatedTs)).toBe(true);
  });

  it('reads via types, via ids as numbers and strings, and keeps an unknown id as "other"', () => {
    expect(byId.get('35436')!.channel).toBe('web');
    expect(byId.get('35437')!.channel).toBe('email');
    expect(byId.get('35438')!.channel).toBe('chat');
    expect(byId.get('35439')).toMatchObject({ channel: 'other', unmapped: { via: '74' }, subject: '' });
  });

  it('maps unknown statuses and priorities to safe defaults, keeping the raw values, and counts them', () => {
    expect(byId.get('35442')).toMatchObject({ status: 'open', priority: null, tags: [], channel: 'other', unmapped: { status: 'escalated', priority: 'critical' } });
    const mapped = reader.issues.filter((i) => i.issue === 'mapped').map((i) => `${i.remoteId} ${i.detail}`);
    expect(mapped).toEqual(['35439 via: "74"', '35442 status: "escalated"', '35442 priority: "critical"']);
  });

  it('reads CSAT only from a real rating ("offered" is a state, null without CSAT)', () => {
    expect(byId.get('35436')!.csat).toBe('good');
    expect(byId.get('35437')!.csat).toBeNull();
    expect(byId.get('35439')!.csat).toBeNull();
  });

  it('keeps updated_at as the version stamp for safe updates', () => {
    expect(byId.get('35436')).toMatchObject({ version: '2011-05-05T10:38:52Z', generatedTs: 1304592000, assigneeRemoteId: '235323', groupRemoteId: '98738' });
  });
});

describe('ticket events page', () => {
  const reader = new RecordReader();
  const { messages, statusChanges } = reader.ticketEvents(ticketEventsPage.ticket_events);

  it('reads comments whatever the event-level via is (a display name), skipping only the unreadable one', () => {
    expect(messages.map((m) => m.remoteId)).toEqual(['91048994488', '91048994500', '91048994502']);
    expect(reader.issues.filter((i) => i.issue === 'skipped').map((i) => i.kind)).toEqual(['comment']);
  });

  it("takes a comment's channel from its own via object, else from the event's display name", () => {
    expect(messages[0]).toMatchObject({ channel: 'api', caseRemoteId: '155', public: true, auditRemoteId: '926256957613', bodyHtml: null });
    expect(messages[1]).toMatchObject({ channel: 'email', caseRemoteId: '156' });
  });

  it('reads a comment without `public` as an internal note, and says so', () => {
    expect(messages[2]).toMatchObject({ public: false });
    expect(reader.issues).toContainEqual({ kind: 'comment', remoteId: '91048994502', issue: 'mapped', detail: 'public: "missing"' });
  });

  it('reads status changes in both documented forms and ignores statuses it cannot time', () => {
    expect(statusChanges).toEqual([
      { caseRemoteId: '155', status: 'solved', at: 1647532987_000 },
      { caseRemoteId: '156', status: 'open', at: 1647533000_000 },
      { caseRemoteId: '157', status: 'closed', at: 1647540000_000 },
    ]);
  });
});

describe('users', () => {
  const reader = new RecordReader();
  const people = reader.users(usersPage.users);
  const byId = new Map(people.map((p) => [p.remoteId, p]));

  it('reads users without e-mail or name, and skips only the one without a usable id', () => {
    expect([...byId.keys()]).toEqual(['35436', '35437', '35438', '35439', '35440']);
    expect(byId.get('35437')).toMatchObject({ email: null, role: 'customer', twitter: '@minji_k', name: 'minji_k' });
    expect(byId.get('35438')).toMatchObject({ name: 'nobody@example.com' });
    expect(reader.issues.filter((i) => i.issue === 'skipped').map((i) => i.remoteId)).toEqual(['abc']);
  });

  it('maps roles, a deleted agent is inactive, an unknown role is a customer with the raw role kept', () => {
    expect(byId.get('35436')).toMatchObject({ role: 'agent', active: true });
    expect(byId.get('35439')).toMatchObject({ role: 'admin', active: false });
    expect(byId.get('35440')!.role).toBe('customer');
    expect(reader.issues).toContainEqual({ kind: 'user', remoteId: '35440', issue: 'mapped', detail: 'role: "light_agent"' });
  });
});

describe('comments', () => {
  const reader = new RecordReader();
  const messages = commentsPage.comments.map((c) => reader.comment(c, 42, null, null));

  it('reads via nested in metadata, keeps real HTML, and leaves out an unreadable attachment only', () => {
    expect(messages[0]).toMatchObject({ channel: 'web', bodyHtml: '<p>Thanks for <b>your</b> help!</p>', auditRemoteId: '432567' });
    expect(messages[0]!.attachments.map((a) => a.fileName)).toEqual(['crash.log']);
    expect(reader.issues).toContainEqual(expect.objectContaining({ kind: 'attachment', remoteId: '498484', issue: 'skipped' }));
  });

  it('reads voice comments, with their via id', () => {
    expect(messages[1]).toMatchObject({ channel: 'voice', public: false, bodyText: 'Call recording' });
  });
});

describe('via', () => {
  it('maps via types, ids and display names; anything else is "other" with the raw value', () => {
    expect(channelOfVia({ channel: 'email' })).toEqual({ channel: 'email', raw: null });
    expect(channelOfVia({ channel: 'native_messaging' }).channel).toBe('messaging');
    expect(channelOfVia({ channel: 'twitter_dm' }).channel).toBe('twitter');
    expect(channelOfVia({ channel: 0 }).channel).toBe('web');
    expect(channelOfVia({ channel: 5 }).channel).toBe('api');
    expect(channelOfVia({ channel: 30 }).channel).toBe('twitter');
    expect(channelOfVia({ channel: 38 }).channel).toBe('facebook');
    expect(channelOfVia({ channel: 45 }).channel).toBe('voice');
    expect(channelOfVia({ channel: 57 }).channel).toBe('messaging');
    expect(channelOfVia('Web form').channel).toBe('web');
    expect(channelOfVia('Web service (API)').channel).toBe('api');
    expect(channelOfVia('Mail').channel).toBe('email');
    expect(channelOfVia({ channel: 'rule' })).toEqual({ channel: 'other', raw: 'rule' });
    expect(channelOfVia({ channel: 'something_new' })).toEqual({ channel: 'other', raw: 'something_new' });
    expect(channelOfVia({ channel: 99 })).toEqual({ channel: 'other', raw: '99' });
    expect(channelOfVia(null)).toEqual({ channel: 'other', raw: null });
    expect(channelOfVia({})).toEqual({ channel: 'other', raw: null });
  });
});
