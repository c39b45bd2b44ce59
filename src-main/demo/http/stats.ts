// Request counters for tests: per route, 429s, injected faults, ticket updates and conflicts.

export interface DemoStats {
  total: number;
  /** Requests per route name, e.g. "incremental/tickets/cursor". */
  byRoute: Record<string, number>;
  /** 429 responses from the rate limiter. */
  rateLimited: number;
  rateLimitedByRoute: Record<string, number>;
  /**
   * 429s from the rate limiter per budget that refused: `account`, `incremental-exports`,
   * `search-export`, `tickets-update`, `tickets-update-per-agent-ticket`. A request two budgets
   * refused counts under both.
   */
  rateLimitedByBucket: Record<string, number>;
  /** All 429 responses, including injected ones. */
  tooManyRequests: number;
  faultsInjected: number;
  unauthorized: number;
  /** 403 answers to the restricted agent (injected 403s count as faults only). */
  forbidden: number;
  /** PUT /api/v2/tickets/{id} requests that changed the ticket (wrote an audit). */
  updatesApplied: number;
  /** 409 UpdateConflict answers to safe updates with a stale updated_stamp (injected 409s not included). */
  updateConflicts: number;
}

export class StatsCollector {
  private stats: DemoStats = StatsCollector.empty();

  static empty(): DemoStats {
    return {
      total: 0,
      byRoute: {},
      rateLimited: 0,
      rateLimitedByRoute: {},
      rateLimitedByBucket: {},
      tooManyRequests: 0,
      faultsInjected: 0,
      unauthorized: 0,
      forbidden: 0,
      updatesApplied: 0,
      updateConflicts: 0,
    };
  }

  request(route: string): void {
    this.stats.total++;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
  }

  rateLimited(route: string, limitedBy: readonly string[] = []): void {
    this.stats.rateLimited++;
    this.stats.tooManyRequests++;
    this.stats.rateLimitedByRoute[route] = (this.stats.rateLimitedByRoute[route] ?? 0) + 1;
    for (const bucket of limitedBy) this.stats.rateLimitedByBucket[bucket] = (this.stats.rateLimitedByBucket[bucket] ?? 0) + 1;
  }

  faultInjected(status: number): void {
    this.stats.faultsInjected++;
    if (status === 429) this.stats.tooManyRequests++;
  }

  unauthorized(): void {
    this.stats.unauthorized++;
  }

  forbidden(): void {
    this.stats.forbidden++;
  }

  updateApplied(): void {
    this.stats.updatesApplied++;
  }

  updateConflict(): void {
    this.stats.updateConflicts++;
  }

  snapshot(): DemoStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsCollector.empty();
  }
}
