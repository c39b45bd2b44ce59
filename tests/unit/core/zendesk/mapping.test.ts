import { describe, expect, it } from 'vitest';
import { meaningfulHtml, toRemoteCase, toRemotePerson } from '../../../../src-main/core/connectors/zendesk/mapping';
import { ticketRecord, userRecord } from '../../../../src-main/core/connectors/zendesk/schemas';

describe('Zendesk mapping', () => {
  it('maps a ticket, keeping the version stamp for safe updates', () => {
    const ticket = ticketRecord.parse({
      id: 42, subject: null, raw_subject: '배송 지연', status: 'pending', priority: null, type: 'question', requester_id: 7, assignee_id: null, group_id: 3,
      organization_id: null, tags: ['shipping'], via: { channel: 'whatsapp' }, satisfaction_rating: { score: 'offered' },
      created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-02T11:00:00Z', generated_timestamp: 1793000000,
    });
    expect(toRemoteCase(ticket)).toMatchObject({ remoteId: '42', subject: '배송 지연', channel: 'whatsapp', status: 'pending', priority: null, requesterRemoteId: '7', assigneeRemoteId: null, groupRemoteId: '3', csat: null, version: '2026-11-02T11:00:00Z', generatedTs: 1793000000 });
  });

  it('reads customer context from user fields, tolerating numbers sent as strings', () => {
    const user = userRecord.parse({ id: 9, name: 'Kim Minji', email: 'minji@example.com', phone: null, role: 'end-user', updated_at: '2026-11-01T10:00:00Z', user_fields: { tier: 'vip', lifetime_value: '1520.5', followers: 12000, twitter_handle: '@minji' } });
    expect(toRemotePerson(user).person).toMatchObject({ role: 'customer', tier: 'vip', lifetimeValue: 1520.5, followers: 12000, twitter: '@minji', facebook: null });
  });

  it('drops HTML that only wraps the text, and keeps real markup', () => {
    expect(meaningfulHtml('<div class="zd-comment" dir="auto"><p dir="auto">Call me &quot;soon&quot;<br>thanks</p></div>', 'Call me "soon"\nthanks')).toBeNull();
    const link = '<div><p>See <a href="https://x.example">this</a></p></div>';
    expect(meaningfulHtml(link, 'See this')).toBe(link);
    const bold = '<p><b>Important</b></p>';
    expect(meaningfulHtml(bold, 'Important')).toBe(bold);
    expect(meaningfulHtml('<p>different</p>', 'text')).toBe('<p>different</p>');
    expect(meaningfulHtml(null, 'x')).toBeNull();
  });
});
