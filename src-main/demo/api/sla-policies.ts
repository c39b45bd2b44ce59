// SLA policies and business hours: GET /api/v2/slas/policies (Zendesk's SLA Policies API: every
// policy in one page, with `next_page: null`, `count`), GET /api/v2/slas/policies/{id} and
// GET /api/v2/business_hours/schedules. A fixed set (src-main/demo/dataset/sla-policies.ts).
import { demoSchedules, demoSlaPolicies } from '../dataset/sla-policies';
import { notFound, ok, type ApiResponse, type RequestContext } from '../http/types';

function anchorSeconds(ctx: RequestContext): number {
  return Math.floor(ctx.store.anchorTime / 1000);
}

/** GET /api/v2/slas/policies: `{sla_policies, next_page, previous_page, count}`, in position order. */
export function listSlaPolicies(ctx: RequestContext): ApiResponse {
  const policies = demoSlaPolicies(ctx.baseUrl, anchorSeconds(ctx)).sort((a, b) => a.position - b.position);
  return ok({ sla_policies: policies, next_page: null, previous_page: null, count: policies.length });
}

/** GET /api/v2/slas/policies/{id}: `{sla_policy}`. */
export function showSlaPolicy(ctx: RequestContext): ApiResponse {
  const id = Number(ctx.params[0]);
  const policy = demoSlaPolicies(ctx.baseUrl, anchorSeconds(ctx)).find((p) => p.id === id);
  if (!policy) throw notFound();
  return ok({ sla_policy: policy });
}

/** GET /api/v2/business_hours/schedules: `{schedules}`. */
export function listSchedules(ctx: RequestContext): ApiResponse {
  return ok({ schedules: demoSchedules(anchorSeconds(ctx)) });
}
