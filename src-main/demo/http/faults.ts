// Fault injection for client tests: the next `times` requests matching a path pattern get a
// broken response instead of (or on top of) the real one.

export type FaultKind =
  | 'malformed-json'
  | 'truncated-json'
  | 'wrong-types'
  | 'missing-fields'
  | 'status'
  /** Waits delayMs before answering normally. */
  | 'delay'
  /** Drops the connection without an answer (a network error for the client). */
  | 'reset';

export const FAULT_KINDS: readonly FaultKind[] = ['malformed-json', 'truncated-json', 'wrong-types', 'missing-fields', 'status', 'delay', 'reset'];

export interface FaultSpec {
  /** A RegExp tested against path + query, or a substring of it. A fault needs this or `route`. */
  pathPattern?: RegExp | string;
  /** A route name as in stats (`users/list`, `incremental/tickets/cursor`, `tickets/update`…). */
  route?: string;
  /** Only requests of this signed-in agent (e-mail, any case); default everyone. */
  userEmail?: string;
  kind: FaultKind;
  /** For kind "status": the status to answer with (default 500). */
  status?: number;
  /** Retry-After seconds for status faults (429 and 503 default to 1). */
  retryAfter?: number;
  /** How many matching requests get the fault (default 1); `always`: until removed. */
  times?: number | 'always';
  /** For kind "delay". */
  delayMs?: number;
  /** For kind "missing-fields": drop this top-level key instead of the records' ids. */
  field?: string;
  /** Only requests with this method (default any). */
  method?: string;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Requests left to hit (Infinity for `times: 'always'`). */
  remaining: number;
}

/** The request a fault may hit. */
export interface FaultTarget {
  method: string;
  pathAndQuery: string;
  route: string;
  userEmail: string | null;
}

export interface FaultControl {
  /** Queues a fault; returns its id. */
  add(spec: FaultSpec): number;
  remove(id: number): void;
  clear(): void;
  /** Faults with requests left to hit. */
  list(): ActiveFault[];
}

export class FaultInjector implements FaultControl {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): number {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    if (spec.pathPattern === undefined && spec.route === undefined) throw new Error('a fault needs a pathPattern or a route');
    const times = spec.times === 'always' ? Infinity : (spec.times ?? 1);
    if (times !== Infinity && (!Number.isInteger(times) || times < 1)) throw new Error("times must be a positive integer or 'always'");
    const id = this.nextId++;
    this.faults.push({ ...spec, id, remaining: times });
    return id;
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The fault for this request, if any (consumes one of its uses). */
  take(target: FaultTarget): ActiveFault | null {
    const fault = this.faults.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === target.method.toUpperCase()) &&
        (f.pathPattern === undefined || matches(f.pathPattern, target.pathAndQuery)) &&
        (f.route === undefined || f.route === target.route) &&
        (f.userEmail === undefined || f.userEmail.toLowerCase() === (target.userEmail ?? '').toLowerCase()),
    );
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.remove(fault.id);
    return { ...fault };
  }
}

function matches(pattern: RegExp | string, pathAndQuery: string): boolean {
  if (typeof pattern === 'string') return pathAndQuery.includes(pattern);
  pattern.lastIndex = 0;
  return pattern.test(pathAndQuery);
}
