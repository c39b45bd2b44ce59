// The helpdesk's own SLA events (Zendesk's Incremental Ticket Metric Events export), made from each
// ticket's record with the shared SLA rules (src-shared/domain/sla-rules.ts) under the demo's own
// policies, in Zendesk's documented shapes (docs/demo-helpdesk.md "SLA events"):
//   measure (instance 0) at creation; per run of a clock apply_sla (with `sla: {target,
//   target_in_seconds, business_hours, policy}`), activate, pause / activate around pauses,
//   fulfill and update_status (`status: {calendar, business}` minutes) when it ends; breach at
//   the due time when it is missed or still running then. A breach announced for a time a pause
//   then moved is kept with `deleted: true`, and so is one a later change took back.
// Events are shown once their time has come (and the export lag has passed). Built on first use;
// a live change of a ticket renews its events from the change on (earlier ones stay as they were).
import { businessMinutesBetween, computeClock, type BusinessSchedule } from '../../../src-shared/domain/sla-clock';
import { slaClockInstances, type SlaCaseRecord, type SlaClockInstance } from '../../../src-shared/domain/sla-rules';
import { demoPolicyFor, type DemoSlaRules } from '../dataset/sla-policies';
import type { Channel } from '../dataset/types';
import { isoFromUnix } from '../util/time';

/** One event as the export sends it. */
export interface DemoSlaEvent {
  id: number;
  ticket_id: number;
  metric: string;
  instance_id: number;
  type: string;
  time: string;
  /** Breach events only (the API's breach object): true once the breach was taken back. */
  deleted?: boolean;
  sla?: { target: number; target_in_seconds: number; business_hours: boolean; policy: { id: number; title: string; description: string } };
  status?: { calendar: number; business: number };
}

interface LogEvent {
  id: number;
  ticket: number;
  /** Unix seconds. */
  t: number;
  metric: string;
  instance: number;
  type: string;
  deleted?: boolean;
  sla?: DemoSlaEvent['sla'];
  status?: DemoSlaEvent['status'];
}

/** What the log needs of the store. */
export interface SlaRecordSource {
  readonly ticketCount: number;
  slaRecord(ticketId: number): { record: SlaCaseRecord; channel: Channel; priority: string | null } | null;
}

export class SlaEventLog {
  /** Events of the generated history (and of tickets as they were when the log was built), per ticket. */
  private readonly built = new Map<number, LogEvent[]>();
  /** All built events in export order: time, then id. */
  private order: LogEvent[] = [];
  /** Tickets changed since the build: from when on their built events no longer hold. */
  private readonly changedAt = new Map<number, number>();
  /** Events of changed tickets from their first change on, in export order. */
  private live: LogEvent[] = [];
  private readonly liveByTicket = new Map<number, LogEvent[]>();

  constructor(
    private readonly source: SlaRecordSource,
    private readonly rules: readonly DemoSlaRules[],
    /** Tickets whose life reaches this time (unix seconds) are measured; older history has no events. */
    private readonly measuredSince: number,
  ) {
    for (let id = 1; id <= source.ticketCount; id++) {
      const events = this.eventsOf(id, true);
      if (events.length === 0) continue;
      this.built.set(id, events);
      for (const e of events) this.order.push(e);
    }
    this.order.sort(byExportOrder);
  }

  /** Events of one ticket from its record now, in export order (none when no policy applies or it is not measured). */
  private eventsOf(ticketId: number, scoped: boolean): LogEvent[] {
    const found = this.source.slaRecord(ticketId);
    if (!found) return [];
    const { record, channel, priority } = found;
    if (scoped && !this.measured(record)) return [];
    const rules = demoPolicyFor(this.rules, channel, priority);
    if (!rules || !isPriority(priority)) return [];
    const instances = slaClockInstances(record, { priority, channel: 'email' }, rules);
    return ticketEvents(ticketId, record, instances, rules).sort(byExportOrder);
  }

  private measured(record: SlaCaseRecord): boolean {
    const last = record.statusHistory.at(-1);
    const solved = last !== undefined && (last.status === 'solved' || last.status === 'closed');
    return record.createdAt >= this.measuredSince * 1000 || !solved || last!.at >= this.measuredSince * 1000;
  }

  /**
   * A ticket changed at `at` (unix seconds): its events from then on are made again. A breach it
   * had announced for later that no longer happens stays, taken back (`deleted: true`).
   */
  ticketChanged(ticketId: number, at: number): void {
    const firstChange = !this.changedAt.has(ticketId);
    if (firstChange) this.changedAt.set(ticketId, at);
    // What held for this ticket from `at` on, and what stays before it.
    const previous = firstChange ? (this.built.get(ticketId) ?? []) : (this.liveByTicket.get(ticketId) ?? []);
    const replaced = previous.filter((e) => e.t >= at);
    const kept = firstChange ? [] : previous.filter((e) => e.t < at);
    const fresh = this.eventsOf(ticketId, false).filter((e) => e.t >= at);
    const ids = new Set(fresh.map((e) => e.id));
    const takenBack = replaced.filter((e) => e.type === 'breach' && !e.deleted && !ids.has(e.id)).map((e) => ({ ...e, deleted: true }));
    const events = [...kept, ...fresh, ...takenBack].sort(byExportOrder);
    this.liveByTicket.set(ticketId, events);
    if (!firstChange) for (const e of replaced) removeSorted(this.live, e);
    for (const e of events) if (e.t >= at) insertSorted(this.live, e);
  }

  /**
   * A time-based page: events with time ≥ startTime up to `maxTime` (the export lag, and never an
   * event whose time has not come), at least `perPage` when there are, plus every event sharing
   * the last second (so paging by end_time never loses one; the next page repeats them).
   */
  page(startTime: number, perPage: number, maxTime: number): { events: DemoSlaEvent[]; endTime: number; endOfStream: boolean } {
    const picked: LogEvent[] = [];
    let b = lowerBound(this.order, startTime);
    let l = lowerBound(this.live, startTime);
    const superseded = (e: LogEvent) => {
      const changed = this.changedAt.get(e.ticket);
      return changed !== undefined && e.t >= changed;
    };
    let lastTime: number | null = null;
    for (;;) {
      while (b < this.order.length && superseded(this.order[b]!)) b++;
      const nb = this.order[b];
      const nl = this.live[l];
      const next = nb && (!nl || byExportOrder(nb, nl) <= 0) ? nb : nl;
      if (!next || next.t > maxTime) break;
      if (picked.length >= perPage && next.t !== lastTime) break;
      picked.push(next);
      lastTime = next.t;
      if (next === nb) b++;
      else l++;
    }
    const more = (() => {
      while (b < this.order.length && superseded(this.order[b]!)) b++;
      const nb = this.order[b];
      const nl = this.live[l];
      return (nb !== undefined && nb.t <= maxTime) || (nl !== undefined && nl.t <= maxTime);
    })();
    const endOfStream = !more;
    const endTime = lastTime === null ? startTime : lastTime === startTime && !endOfStream ? lastTime + 1 : lastTime;
    return { events: picked.map(render), endTime, endOfStream };
  }

  /** Every event of a ticket whose time has come (tests compare against it). */
  eventsFor(ticketId: number, maxTime: number): DemoSlaEvent[] {
    const changed = this.changedAt.get(ticketId);
    const built = (this.built.get(ticketId) ?? []).filter((e) => changed === undefined || e.t < changed);
    return [...built, ...(this.liveByTicket.get(ticketId) ?? [])].filter((e) => e.t <= maxTime).sort(byExportOrder).map(render);
  }
}

function isPriority(priority: string | null): priority is 'urgent' | 'high' | 'normal' | 'low' {
  return priority === 'urgent' || priority === 'high' || priority === 'normal' || priority === 'low';
}

function byExportOrder(a: LogEvent, b: LogEvent): number {
  return a.t - b.t || a.id - b.id;
}

function lowerBound(list: readonly LogEvent[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose event does not come before `e`. */
function positionOf(list: readonly LogEvent[], e: LogEvent): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byExportOrder(list[mid]!, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: LogEvent[], e: LogEvent): void {
  list.splice(positionOf(list, e), 0, e);
}

function removeSorted(list: LogEvent[], e: LogEvent): void {
  for (let i = positionOf(list, e); i < list.length && list[i]!.t === e.t; i++) {
    if (list[i] === e) {
      list.splice(i, 1);
      return;
    }
  }
}

function render(e: LogEvent): DemoSlaEvent {
  const out: DemoSlaEvent = { id: e.id, ticket_id: e.ticket, metric: e.metric, instance_id: e.instance, type: e.type, time: isoFromUnix(e.t) };
  if (e.type === 'breach') out.deleted = e.deleted === true;
  if (e.sla) out.sla = e.sla;
  if (e.status) out.status = e.status;
  return out;
}

/** A stable id per event: the same event made again (after a live change) keeps its id. */
function eventId(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1 * 0x100000 + (h2 >>> 12) + 1;
}

const sec = (ms: number) => Math.floor(ms / 1000);

/** The events of a ticket's clock runs (see the file comment). */
function ticketEvents(ticket: number, record: SlaCaseRecord, instances: readonly SlaClockInstance[], rules: DemoSlaRules): LogEvent[] {
  const out: LogEvent[] = [];
  const seen = new Map<string, number>();
  const add = (t: number, metric: string, instance: number, type: string, extra: Partial<LogEvent> = {}) => {
    const base = `${ticket}:${metric}:${instance}:${type}:${t}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ id: eventId(`${base}:${n}`), ticket, t, metric, instance, type, ...extra });
  };
  const metricOf = (run: SlaClockInstance) => (run.target === 'resolution' ? rules.resolutionMetric : 'reply_time');
  const policy = { id: rules.policy.id, title: rules.policy.title, description: rules.policy.description };
  const created = sec(record.createdAt);
  for (const metric of new Set(instances.map(metricOf))) add(created, metric, 0, 'measure');
  for (const run of instances) {
    const metric = metricOf(run);
    const start = sec(run.start);
    add(start, metric, run.instance, 'apply_sla', { sla: { target: run.minutes, target_in_seconds: run.minutes * 60, business_hours: run.businessHours, policy } });
    add(start, metric, run.instance, 'activate');
    for (const [from, to] of run.pauses) {
      add(sec(from), metric, run.instance, 'pause');
      if (Number.isFinite(to) && (run.stop === null || to < run.stop)) add(sec(to), metric, run.instance, 'activate');
    }
    if (run.stop !== null) {
      add(sec(run.stop), metric, run.instance, 'fulfill');
      add(sec(run.stop), metric, run.instance, 'update_status', { status: activeMinutes(run, rules.schedule!) });
    }
    const due = run.clock.dueAt;
    const breached = run.clock.phase === 'missed' || (run.clock.phase === 'running' && due !== null);
    if (breached && due !== null) add(sec(due), metric, run.instance, 'breach', { deleted: false });
    // The breach announced when the run started, before a pause moved it.
    if (run.pauses.length > 0) {
      const announced = computeClock(run.target, run.start, null, run.minutes, [], { businessHours: run.businessHours, schedule: rules.schedule }).dueAt;
      const firstPause = run.pauses[0]![0];
      if (announced !== null && announced > firstPause && announced !== due && (run.stop === null || announced < run.stop)) add(sec(announced), metric, run.instance, 'breach', { deleted: true });
    }
  }
  return out;
}

/** How long a run was active (pauses left out), in calendar and in business minutes. */
function activeMinutes(run: SlaClockInstance, schedule: BusinessSchedule): { calendar: number; business: number } {
  let calendar = 0;
  let business = 0;
  let from = run.start;
  const end = run.stop ?? run.start;
  for (const [ps, pe] of [...run.pauses, [end, end] as [number, number]]) {
    const to = Math.min(ps, end);
    if (to > from) {
      calendar += (to - from) / 60_000;
      business += businessMinutesBetween(from, to, schedule);
    }
    from = Math.max(from, Math.min(pe, end));
  }
  return { calendar: Math.round(calendar), business: Math.round(business) };
}
