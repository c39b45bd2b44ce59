import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface PolicyBody {
  id: number;
  url: string;
  title: string;
  position: number;
  filter: { all: unknown[]; any: { field: string; operator: string; value: unknown }[] };
  policy_metrics: { priority: string; metric: string; target: number; business_hours: boolean }[];
  created_at: string;
  updated_at: string;
}

describe('SLA policies and business hours', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 5, cases: 50, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('lists the policies in position order, Zendesk-shaped', async () => {
    const res = await getJson<{ sla_policies: PolicyBody[]; next_page: null; previous_page: null; count: number }>(server, '/api/v2/slas/policies.json');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect(res.body.next_page).toBeNull();
    const policies = res.body.sla_policies;
    expect(policies.map((p) => p.title)).toEqual(['Live chat & messaging', 'Urgent & high', 'Normal & low']);
    expect(policies.map((p) => p.position)).toEqual([1, 2, 3]);
    for (const p of policies) {
      expect(p.url).toBe(`${server.url}/api/v2/slas/policies/${p.id}.json`);
      expect(Date.parse(p.updated_at)).toBeLessThan(TEST_ANCHOR);
      expect(Object.keys(p).sort()).toEqual(['created_at', 'description', 'filter', 'id', 'policy_metrics', 'position', 'title', 'updated_at', 'url']);
      for (const m of p.policy_metrics) {
        expect(['urgent', 'high', 'normal', 'low']).toContain(m.priority);
        expect(['first_reply_time', 'next_reply_time', 'requester_wait_time', 'agent_work_time']).toContain(m.metric);
        expect(m.target).toBeGreaterThan(0);
      }
    }
    const urgentHigh = policies[1]!;
    expect(urgentHigh.policy_metrics).toContainEqual({ priority: 'high', metric: 'first_reply_time', target: 60, business_hours: false });
    expect(urgentHigh.policy_metrics).toContainEqual({ priority: 'high', metric: 'agent_work_time', target: 1440, business_hours: false });
    expect(policies[2]!.policy_metrics).toContainEqual({ priority: 'normal', metric: 'first_reply_time', target: 480, business_hours: true });
    expect(policies[0]!.filter.any).toContainEqual({ field: 'via_id', operator: 'is', value: 29 });
  });

  it('shows one policy, 404 for an unknown one, and needs authentication', async () => {
    const list = await getJson<{ sla_policies: PolicyBody[] }>(server, '/api/v2/slas/policies');
    const first = list.body.sla_policies[0]!;
    const one = await getJson<{ sla_policy: PolicyBody }>(server, `/api/v2/slas/policies/${first.id}.json`);
    expect(one.status).toBe(200);
    expect(one.body.sla_policy).toEqual(first);
    expect((await getJson(server, '/api/v2/slas/policies/1.json')).status).toBe(404);
    expect((await getJson(server, '/api/v2/slas/policies.json', null)).status).toBe(401);
  });

  it('serves the business hours schedule: weekdays 09:00–17:00 in Berlin', async () => {
    const res = await getJson<{ schedules: { id: number; name: string; time_zone: string; intervals: { start_time: number; end_time: number }[] }[] }>(server, '/api/v2/business_hours/schedules.json');
    expect(res.status).toBe(200);
    expect(res.body.schedules).toHaveLength(1);
    expect(res.body.schedules[0]).toMatchObject({ name: 'Support hours', time_zone: 'Berlin' });
    expect(res.body.schedules[0]!.intervals[0]).toEqual({ start_time: 1980, end_time: 2460 });
    expect(res.body.schedules[0]!.intervals).toHaveLength(5);
  });
});
