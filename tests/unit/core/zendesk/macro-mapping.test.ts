import { describe, expect, it } from 'vitest';
import { htmlToText, macrosResponse, toRemoteMacro, translatePlaceholders } from '../../../../src-main/core/connectors/zendesk/macro-mapping';
import { parseTemplate } from '../../../../src-shared/domain/macro-template';

// Zendesk macro JSON as `GET /api/v2/macros/active.json` returns it (shapes from the API reference
// and from real accounts: values are strings, numbers, booleans or arrays depending on the field).
const PAGE = {
  macros: [
    {
      url: 'https://acme.zendesk.com/api/v2/macros/360001.json',
      id: 360001,
      title: 'Billing::Refund issued',
      active: true,
      updated_at: '2026-10-02T09:15:00Z',
      created_at: '2025-03-11T12:00:00Z',
      default: false,
      position: 3,
      description: 'Refund confirmed to the original payment method',
      actions: [
        { field: 'comment_value', value: 'Hi {{ticket.requester.first_name}},\n\nWe refunded ticket #{{ticket.id}} ("{{ticket.title}}"). Questions? Reply here.\n\n{{current_user.first_name}}' },
        { field: 'comment_mode_is_public', value: 'true' },
        { field: 'status', value: 'solved' },
        { field: 'priority', value: '' },
        { field: 'assignee_id', value: 'current_user' },
        { field: 'current_tags', value: 'refund billing' },
        { field: 'remove_tags', value: 'needs_review' },
        { field: 'custom_fields_360012345', value: 'refund_reason_damaged' },
        { field: 'subject', value: 'Your refund' },
      ],
      restriction: null,
      raw_title: 'Billing::Refund issued',
    },
    {
      id: 360002,
      title: 'Escalate to Tier 2',
      active: true,
      position: 7,
      created_at: '2025-03-11T12:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      actions: [
        { field: 'comment_value', value: ['channel:all', 'Escalating: customer {{ticket.requester.name}} ({{ticket.requester.email}}) on {{ticket.organization.name}}'] },
        { field: 'comment_mode_is_public', value: false },
        { field: 'group_id', value: 20 },
        { field: 'assignee_id', value: '' },
        { field: 'priority', value: 'urgent' },
        { field: 'set_tags', value: 'escalated tier2' },
      ],
      restriction: { type: 'Group', id: 20, ids: [20] },
    },
    {
      id: 360003,
      title: '배송 지연 안내',
      active: true,
      position: 1,
      created_at: '2025-05-01T00:00:00Z',
      updated_at: '2026-05-01T00:00:00Z',
      actions: [
        { field: 'comment_value_html', value: '<p>{{ticket.requester.first_name | default: "고객"}}님, 안녕하세요.</p><p>주문하신 상품이 택배사 사정으로 지연되고 있습니다 &amp; 곧 도착합니다.</p>' },
        { field: 'assignee_id', value: 123456789 },
        { field: 'status', value: 'pending' },
      ],
    },
    {
      id: 360004,
      title: 'Take it',
      active: true,
      position: 2,
      actions: [
        { field: 'assignee_id', value: 'current_user' },
        { field: 'group_id', value: 'current_groups' },
        { field: 'status', value: 'bogus' },
        { field: 'priority', value: 'HIGH' },
        { field: 'comment_mode_is_public', value: 'maybe' },
        { field: 'notification_user', value: ['all_agents', 'subject', 'body'] },
      ],
    },
  ],
  meta: { has_more: false, after_cursor: 'eyJvIjoiaWQiLCJ2IjoiYVFRPT0ifQ==', before_cursor: null },
  links: { next: null, prev: null },
  count: 4,
};

describe('Zendesk macro mapping', () => {
  const [refund, escalate, korean, takeIt] = macrosResponse.parse(PAGE).macros.map(toRemoteMacro);

  it('maps comment, visibility and field actions, translating placeholders into ours', () => {
    expect(refund).toEqual({
      remoteId: '360001',
      title: 'Billing::Refund issued',
      body: 'Hi {{customer.first_name}},\n\nWe refunded ticket #{{case.id}} ("{{case.subject}}"). Questions? Reply here.\n\n{{agent.first_name}}',
      bodyPublic: true,
      position: 3,
      active: true,
      createdAt: Date.parse('2025-03-11T12:00:00Z'),
      updatedAt: Date.parse('2026-10-02T09:15:00Z'),
      actions: { status: 'solved', priority: null, assignee: { kind: 'me' }, addTags: ['refund', 'billing'], removeTags: ['needs_review'] },
    });
    expect(parseTemplate(refund!.body).problems).toEqual([]);
  });

  it('reads channel-specific comments, private notes, groups, unassignment and tag replacement; keeps unknown placeholders', () => {
    expect(escalate).toMatchObject({
      body: 'Escalating: customer {{customer.name}} ({{ticket.requester.email}}) on {{ticket.organization.name}}',
      bodyPublic: false,
      actions: { groupRemoteId: '20', assignee: { kind: 'none' }, priority: 'urgent', setTags: ['escalated', 'tier2'] },
    });
    expect(parseTemplate(escalate!.body).problems.map((p) => p.name)).toEqual(['ticket.requester.email', 'ticket.organization.name']);
  });

  it('takes the text of an HTML-only comment, with a Liquid default as our fallback, and a numeric assignee', () => {
    expect(korean).toMatchObject({
      title: '배송 지연 안내',
      body: '{{customer.first_name | "고객"}}님, 안녕하세요.\n주문하신 상품이 택배사 사정으로 지연되고 있습니다 & 곧 도착합니다.',
      actions: { assignee: { kind: 'agent', remoteId: '123456789' }, status: 'pending' },
    });
    expect(parseTemplate(korean!.body).problems).toEqual([]);
  });

  it('leaves out values it does not understand, and unknown fields, without failing', () => {
    expect(takeIt).toMatchObject({ body: '', bodyPublic: true, createdAt: 0, actions: { assignee: { kind: 'me' }, priority: 'high' } });
    expect(takeIt!.actions).not.toHaveProperty('status');
    expect(takeIt!.actions).not.toHaveProperty('groupRemoteId');
  });

  it('refuses a malformed page (the connector turns this into a PayloadError)', () => {
    expect(macrosResponse.safeParse({ macros: [{ id: '1', title: 'x', actions: [] }] }).success).toBe(false);
    expect(macrosResponse.safeParse({ macros: [{ id: 1, title: 'x', actions: [{ field: 'status', value: { nested: true } }] }] }).success).toBe(false);
    expect(macrosResponse.safeParse({ macro: [] }).success).toBe(false);
  });

  it('translates fallbacks in both quote styles and leaves other braces alone', () => {
    expect(translatePlaceholders(`{{ ticket.requester.first_name | default: 'there' }} {{current_user.name}} {{ticket.id}}{{ticket.requester.last_name}} {{#if x}}`)).toBe(
      '{{customer.first_name | "there"}} {{agent.name}} {{case.id}}{{ticket.requester.last_name}} {{#if x}}',
    );
    expect(translatePlaceholders('{{ticket.title | default: "your \\"request\\""}}')).toBe('{{case.subject | "your \\"request\\""}}');
    expect(htmlToText('<div>a<br/>b</div><p>&lt;c&gt;</p>')).toBe('a\nb\n<c>');
  });
});
