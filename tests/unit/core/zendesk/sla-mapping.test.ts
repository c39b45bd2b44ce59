import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskConnector } from '../../../../src-main/core/connectors/zendesk/zendesk-connector';
import { ianaZone, toBusinessSchedule, toRemoteSlaPolicy } from '../../../../src-main/core/connectors/zendesk/sla-mapping';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../../src-main/demo/index';

describe('Zendesk SLA mapping', () => {
  it('maps metrics to targets: agent work time wins over requester wait time, unknown metrics and priorities are left out', () => {
    const policy = toRemoteSlaPolicy({
      id: 36,
      title: 'Silver',
      description: null,
      position: 3,
      filter: { all: [{ field: 'type', operator: 'is', value: 'incident' }, { field: 'via_id', operator: 'is', value: 4 }], any: [{ field: 'via', operator: 'is', value: 'whatsapp' }] },
      policy_metrics: [
        { priority: 'low', metric: 'requester_wait_time', target: 600, business_hours: false },
        { priority: 'low', metric: 'agent_work_time', target: 480, business_hours: true },
        { priority: 'low', metric: 'first_reply_time', target_in_seconds: 3600, business_hours: false },
        { priority: 'low', metric: 'periodic_update_time', target: 60, business_hours: false },
        { priority: 'someday', metric: 'first_reply_time', target: 60, business_hours: false },
      ],
      updated_at: '2026-01-02T03:04:05Z',
    });
    expect(policy).toEqual({
      remoteId: '36',
      title: 'Silver',
      description: '',
      position: 3,
      filter: {
        all: [
          { field: 'type', operator: 'is', value: 'incident' },
          { field: 'channel', operator: 'is', value: 'email' },
        ],
        any: [{ field: 'channel', operator: 'is', value: 'whatsapp' }],
      },
      targets: [
        { target: 'resolution', priority: 'low', minutes: 480, businessHours: true },
        { target: 'first_reply', priority: 'low', minutes: 60, businessHours: false },
      ],
      resolutionPauses: ['pending', 'hold'],
      updatedAt: Date.parse('2026-01-02T03:04:05Z'),
    });
    const waitOnly = toRemoteSlaPolicy({ id: 1, title: 'x', policy_metrics: [{ priority: 'high', metric: 'requester_wait_time', target: 60, business_hours: false }] });
    expect(waitOnly.resolutionPauses).toEqual(['pending']);
  });

  it('maps the first schedule, Rails zone names included', () => {
    expect(ianaZone('Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(ianaZone('Asia/Seoul')).toBe('Asia/Seoul');
    expect(ianaZone('Atlantis')).toBeNull();
    expect(toBusinessSchedule({ schedules: [{ id: 1, time_zone: 'Seoul', intervals: [{ start_time: 1980, end_time: 2460 }] }] })).toEqual({
      timeZone: 'Asia/Seoul',
      intervals: [{ startMinute: 1980, endMinute: 2460 }],
    });
    expect(toBusinessSchedule({ schedules: [] })).toBeNull();
  });
});

describe('Zendesk connector: SLA data from the demo helpdesk', () => {
  let demo: DemoServer;
  let connector: ZendeskConnector;
  beforeAll(async () => {
    demo = await startDemoServer({ seed: 7, cases: 60 });
    connector = new ZendeskConnector({ baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
  });
  afterAll(() => demo.close());

  it('fetches the policies with the business hours', async () => {
    const setup = await connector.fetchSlaPolicies();
    expect(setup.policies.map((p) => p.title)).toEqual(['Live chat & messaging', 'Urgent & high', 'Normal & low']);
    expect(setup.schedule).toMatchObject({ timeZone: 'Europe/Berlin' });
  });

  it('reads status changes (and first statuses) from the ticket events export', async () => {
    const page = await connector.pull('messages', null);
    expect(page.statusChanges?.length).toBeGreaterThan(0);
    for (const change of page.statusChanges ?? []) {
      expect(['new', 'open', 'pending', 'hold', 'solved', 'closed']).toContain(change.status);
      expect(change.at).toBeGreaterThan(Date.UTC(2000, 0, 1));
    }
  });
});
