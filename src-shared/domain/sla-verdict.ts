// The helpdesk's own SLA verdict on a case, from its metric events (Zendesk: the Incremental Ticket
// Metric Events export, docs/zendesk-conformance.md), and where our clocks disagree with it
// (docs/sla.md "The helpdesk's verdict"). Pure.

import type { ComputedClock, SlaClockTarget } from './sla-clock';

/** One metric event as the connector reads it (Zendesk's names for metric and type). */
export interface SlaMetricEvent {
  /** The helpdesk's event id (events are upserted by it). */
  id: string;
  /** reply_time, agent_work_time, requester_wait_time, … */
  metric: string;
  /** Which run of the metric: reply_time 1 is the first reply, 2 and on the next replies; 0 for `measure`. */
  instance: number;
  /** activate, pause, fulfill, apply_sla, breach, update_status, measure, … */
  type: string;
  time: number;
  /** A breach the helpdesk took back (a pause or a reply came first). */
  deleted: boolean;
  /** apply_sla: the target it applied. */
  sla?: { minutes: number | null; businessHours: boolean | null; policyRemoteId: string | null };
}

/** The helpdesk's state of one clock (its latest run). */
export interface HelpdeskClockVerdict {
  target: SlaClockTarget;
  metric: string;
  instance: number;
  /** The target it applied, in minutes (null: not seen). */
  targetMinutes: number | null;
  state: 'running' | 'paused' | 'fulfilled';
  /** When the run started (its first activate), null when not seen. */
  startedAt: number | null;
  fulfilledAt: number | null;
  /** When it breached (a breach not taken back); may lie ahead of now for a breach the helpdesk announced in advance. */
  breachedAt: number | null;
}

export interface HelpdeskSlaVerdict {
  /** The helpdesk's id of the policy it applied last. */
  policyRemoteId: string | null;
  clocks: HelpdeskClockVerdict[];
}

/** Order of events at the same instant: a run starts, pauses, then ends. */
const TYPE_ORDER: Readonly<Record<string, number>> = { measure: 0, apply_sla: 1, activate: 2, pause: 3, fulfill: 4, update_status: 5, breach: 6 };

/** Which of our clocks a metric run is (null: none of ours). */
export function targetOfMetric(metric: string, instance: number): SlaClockTarget | null {
  if (metric === 'reply_time') return instance === 1 ? 'first_reply' : instance > 1 ? 'next_reply' : null;
  if (metric === 'agent_work_time' || metric === 'requester_wait_time') return instance >= 1 ? 'resolution' : null;
  return null;
}

/**
 * The helpdesk's verdict from the metric events of one case (any order, duplicates allowed): per
 * clock its latest run that the helpdesk measured against a target (an apply_sla or a breach was
 * seen). Resolution is agent work time when the helpdesk timed that, else requester wait time (as
 * docs/sla.md maps the policies). null when no run was measured against a target.
 */
export function helpdeskVerdict(events: readonly SlaMetricEvent[]): HelpdeskSlaVerdict | null {
  const byId = new Map<string, SlaMetricEvent>();
  for (const e of events) byId.set(e.id, e);
  const sorted = [...byId.values()].sort((a, b) => a.time - b.time || (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const runs = new Map<string, HelpdeskClockVerdict & { measured: boolean }>();
  let policyRemoteId: string | null = null;
  for (const e of sorted) {
    const target = targetOfMetric(e.metric, e.instance);
    if (target === null) continue;
    const key = `${e.metric}:${e.instance}`;
    let run = runs.get(key);
    if (!run) {
      run = { target, metric: e.metric, instance: e.instance, targetMinutes: null, state: 'running', startedAt: null, fulfilledAt: null, breachedAt: null, measured: false };
      runs.set(key, run);
    }
    switch (e.type) {
      case 'apply_sla':
        run.measured = true;
        if (e.sla?.minutes !== null && e.sla?.minutes !== undefined) run.targetMinutes = e.sla.minutes;
        if (e.sla?.policyRemoteId) policyRemoteId = e.sla.policyRemoteId;
        break;
      case 'activate':
        run.startedAt ??= e.time;
        run.state = 'running';
        run.fulfilledAt = null;
        break;
      case 'pause':
        if (run.state !== 'fulfilled') run.state = 'paused';
        break;
      case 'fulfill':
        run.state = 'fulfilled';
        run.fulfilledAt = e.time;
        break;
      case 'breach':
        if (e.deleted) break;
        run.measured = true;
        if (run.breachedAt === null || e.time < run.breachedAt) run.breachedAt = e.time;
        break;
    }
  }
  const latest = new Map<SlaClockTarget, HelpdeskClockVerdict & { measured: boolean }>();
  for (const run of runs.values()) {
    if (!run.measured) continue;
    const have = latest.get(run.target);
    const better =
      !have ||
      (run.target === 'resolution' ? have.metric !== 'agent_work_time' && run.metric === 'agent_work_time' : run.instance > have.instance);
    if (better) latest.set(run.target, run);
  }
  if (latest.size === 0) return null;
  const order: SlaClockTarget[] = ['first_reply', 'next_reply', 'resolution'];
  return {
    policyRemoteId,
    clocks: order.flatMap((t) => {
      const run = latest.get(t);
      if (!run) return [];
      const { measured: _measured, ...verdict } = run;
      return [verdict];
    }),
  };
}

/** What one of our clocks said, as stored (docs/sla.md "Storage and cost"). */
export type OurClock = Pick<ComputedClock, 'target' | 'phase' | 'dueAt'> & { stoppedAt?: number | null; targetMinutes?: number | null };

export interface SlaDisagreement {
  target: SlaClockTarget;
  /** target: other minutes; breach: one side breached, the other not; fulfilment: one side stopped, the other not; missing: the helpdesk times a clock we do not. */
  kind: 'target' | 'breach' | 'fulfilment' | 'missing';
}

/** How far apart two instants may be and still be the same moment (the helpdesk counts in seconds, our facts may be a little off). */
export const SLA_AGREEMENT_TOLERANCE_MS = 60_000;

/**
 * Where our clocks of a case disagree with the helpdesk's verdict, judged at `knownUntil` (the
 * helpdesk's record is complete up to then): a target of other minutes; a breach on one side only;
 * a clock one side stopped and the other still runs; a clock the helpdesk measures that we do not
 * time. Next reply is compared only when both time the same wait (it started at `waitingSince`).
 */
export function slaDisagreements(
  ours: readonly OurClock[],
  theirs: HelpdeskSlaVerdict,
  knownUntil: number,
  waitingSince: number | null,
  tolerance: number = SLA_AGREEMENT_TOLERANCE_MS,
): SlaDisagreement[] {
  const out: SlaDisagreement[] = [];
  for (const verdict of theirs.clocks) {
    const o = ours.find((c) => c.target === verdict.target);
    if (verdict.target === 'next_reply') {
      if (!o || waitingSince === null || verdict.startedAt === null || Math.abs(verdict.startedAt - waitingSince) > tolerance) continue;
    } else if (!o) {
      if (verdict.startedAt !== null && verdict.startedAt <= knownUntil) out.push({ target: verdict.target, kind: 'missing' });
      continue;
    }
    if (o.targetMinutes != null && verdict.targetMinutes !== null && o.targetMinutes !== verdict.targetMinutes) {
      out.push({ target: verdict.target, kind: 'target' });
      continue;
    }
    const stopped = o.phase === 'met' || o.phase === 'missed';
    const theirBreach = verdict.breachedAt !== null && verdict.breachedAt <= knownUntil ? verdict.breachedAt : null;
    if (theirBreach !== null) {
      const oursToo = o.phase === 'missed' || (o.phase === 'running' && o.dueAt !== null && o.dueAt <= theirBreach + tolerance);
      if (!oursToo) out.push({ target: verdict.target, kind: 'breach' });
    } else if ((o.phase === 'missed' || o.phase === 'running') && o.dueAt !== null && o.dueAt <= knownUntil - tolerance) {
      out.push({ target: verdict.target, kind: 'breach' });
    }
    const theirStop = verdict.state === 'fulfilled' && verdict.fulfilledAt !== null && verdict.fulfilledAt <= knownUntil;
    if (theirStop && !stopped) out.push({ target: verdict.target, kind: 'fulfilment' });
    else if (!theirStop && stopped && o.stoppedAt != null && o.stoppedAt <= knownUntil - tolerance) out.push({ target: verdict.target, kind: 'fulfilment' });
  }
  return out;
}
