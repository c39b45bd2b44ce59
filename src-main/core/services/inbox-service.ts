import { CHANNEL_KINDS } from '../../../src-shared/domain/channels';
import { toMatchExpression } from '../../../src-shared/domain/search-text';
import { parseSearch } from '../../../src-shared/domain/search-syntax';
import { ALL_VIEW_IDS, type InboxSort, type ViewId } from '../../../src-shared/domain/views';
import { inboxQuerySchema, type InboxFilters, type InboxPage, type InboxQuery, type InboxRow, type ViewCounts } from '../../../src-shared/contract/models';
import type { Db } from '../db/connection';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toInboxRow, type CaseRowRecord } from './case-rows';

const UNSOLVED = `c.queue IN ('open', 'pending', 'hold')`;

const SORTS: Record<InboxSort, string> = {
  newest: 'c.created_at DESC, c.id DESC',
  // Ties break on the id, which every index carries, so these orders come straight from an index.
  oldest_waiting: 'c.waiting_sort ASC, c.id ASC',
  priority: 'c.priority_rank DESC, c.waiting_sort ASC, c.id ASC',
  recently_updated: 'c.updated_at DESC, c.id DESC',
  // SLA (docs/sla.md): the next running due time, breached first (their due times are the
  // earliest), then paused cases (MAX - 1), then cases without a clock (MAX); index cases_queue_sla.
  next_breach: 'c.sla_sort ASC, c.id ASC',
  // The stored score (base + waiting + SLA as of the last minute's refresh, docs/smart-priority.md),
  // then the longest waiting: straight from the index cases(queue, smart_score DESC, waiting_sort).
  smart: 'c.smart_score DESC, c.waiting_sort ASC, c.id ASC',
};

interface Where {
  clauses: string[];
  params: unknown[];
}

/** The unified inbox over every account: views, filters, sorts and the per-view counts. */
export class InboxService {
  constructor(private readonly db: Db) {}

  /** Agent ids that are "me" (one per account). */
  myAgentIds(): number[] {
    return this.db
      .prepare('SELECT ag.id FROM agents ag JOIN accounts ac ON ac.id = ag.account_id AND ag.remote_id = ac.me_remote_id')
      .pluck()
      .all() as number[];
  }

  list(input: InboxQuery): InboxPage {
    const query = inboxQuerySchema.parse(input);
    const where = this.where(query.view, query.filters);
    const whereSql = where.clauses.join(' AND ');
    const unfiltered = Object.values(query.filters).every((v) => v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === ''));
    // Two steps: pick the page's ids with only the sort columns, then read those rows whole. SQLite
    // computes every result column before sorting, so one query would run the snippet and count
    // subqueries for every matching case, not just the 100 shown. The total of a plain view is its
    // (cached) count; a filtered one counts in the same pass as the page (a window function).
    if (unfiltered) {
      const ids = this.db.prepare(`SELECT c.id FROM cases c WHERE ${whereSql} ORDER BY ${SORTS[query.sort]} LIMIT ? OFFSET ?`).pluck().all(...where.params, query.limit, query.offset) as number[];
      return { rows: this.rowsById(ids), total: this.counts()[query.view], offset: query.offset };
    }
    const page = this.db
      .prepare(`SELECT c.id, count(*) OVER () AS total FROM cases c WHERE ${whereSql} ORDER BY ${SORTS[query.sort]} LIMIT ? OFFSET ?`)
      .all(...where.params, query.limit, query.offset) as { id: number; total: number }[];
    const total = page[0]?.total ?? (query.offset > 0 ? (this.db.prepare(`SELECT count(*) FROM cases c WHERE ${whereSql}`).pluck().get(...where.params) as number) : 0);
    return { rows: this.rowsById(page.map((p) => p.id)), total, offset: query.offset };
  }

  /** Inbox rows for the given case ids, in the given order. */
  rowsById(ids: readonly number[]): InboxRow[] {
    if (ids.length === 0) return [];
    const records = this.db.prepare(`SELECT ${CASE_ROW_COLUMNS} FROM cases c ${CASE_ROW_JOINS} WHERE c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as CaseRowRecord[];
    const byId = new Map(records.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? [toInboxRow(record)] : [];
    });
  }

  private cachedCounts: ViewCounts | null = null;

  /** Forget cached counts; core calls this whenever cases or accounts change. */
  invalidate(): void {
    this.cachedCounts = null;
  }

  counts(): ViewCounts {
    this.cachedCounts ??= this.countViews();
    return this.cachedCounts;
  }

  private countViews(): ViewCounts {
    const me = this.myAgentIds();
    const meList = me.length > 0 ? me.join(',') : '-1';
    const unsolved = this.db
      .prepare(
        `SELECT sum(c.assignee_id IN (${meList})) AS mine, sum(c.assignee_id IS NULL) AS unassigned,
           sum(c.queue = 'open') AS all_open, sum(c.queue = 'pending') AS pending, sum(c.queue = 'hold') AS on_hold
         FROM cases c WHERE c.synced = 1 AND ${UNSOLVED}`,
      )
      .get() as Record<string, number | null>;
    const solved = this.db.prepare(`SELECT count(*) FROM cases c WHERE c.synced = 1 AND c.queue = 'solved'`).pluck().get() as number;
    const counts = Object.fromEntries(ALL_VIEW_IDS.map((id) => [id, 0])) as ViewCounts;
    counts.mine = unsolved.mine ?? 0;
    counts.unassigned = unsolved.unassigned ?? 0;
    counts.all_open = unsolved.all_open ?? 0;
    counts.pending = unsolved.pending ?? 0;
    counts.on_hold = unsolved.on_hold ?? 0;
    counts.solved = solved;
    const perChannel = this.db.prepare(`SELECT c.channel, count(*) AS n FROM cases c WHERE c.synced = 1 AND ${UNSOLVED} GROUP BY c.channel`).all() as {
      channel: string;
      n: number;
    }[];
    for (const { channel, n } of perChannel) if ((CHANNEL_KINDS as readonly string[]).includes(channel)) counts[`channel:${channel}` as ViewId] = n;
    return counts;
  }

  private where(view: ViewId, filters: InboxFilters): Where {
    const where: Where = { clauses: ['c.synced = 1'], params: [] };
    const me = this.myAgentIds();
    const meIn = me.length > 0 ? me.join(',') : '-1';
    switch (view) {
      case 'mine':
        where.clauses.push(`c.assignee_id IN (${meIn})`, UNSOLVED);
        break;
      case 'unassigned':
        where.clauses.push('c.assignee_id IS NULL', UNSOLVED);
        break;
      case 'all_open':
        where.clauses.push(`c.queue = 'open'`);
        break;
      case 'pending':
        where.clauses.push(`c.queue = 'pending'`);
        break;
      case 'on_hold':
        where.clauses.push(`c.queue = 'hold'`);
        break;
      case 'solved':
        where.clauses.push(`c.queue = 'solved'`);
        break;
      default:
        where.clauses.push('c.channel = ?', UNSOLVED);
        where.params.push(view.slice('channel:'.length));
    }
    const inList = (column: string, values: readonly unknown[] | undefined) => {
      if (!values || values.length === 0) return;
      where.clauses.push(`${column} IN (${values.map(() => '?').join(',')})`);
      where.params.push(...values);
    };
    inList('c.status', filters.status);
    inList('c.channel', filters.channel);
    inList('c.priority', filters.priority);
    inList('c.group_id', filters.groupId);
    inList('c.account_id', filters.accountId);
    if (filters.assignee && filters.assignee.length > 0) {
      const parts: string[] = [];
      const ids = filters.assignee.flatMap((a) => (a === 'me' ? me : typeof a === 'number' ? [a] : []));
      if (filters.assignee.includes('none')) parts.push('c.assignee_id IS NULL');
      if (ids.length > 0) parts.push(`c.assignee_id IN (${ids.join(',')})`);
      if (filters.assignee.includes('me') && ids.length === 0 && parts.length === 0) parts.push('0');
      where.clauses.push(`(${parts.join(' OR ')})`);
    }
    for (const tag of filters.tag ?? []) {
      where.clauses.push('EXISTS (SELECT 1 FROM case_tags t WHERE t.tag = ? AND t.case_id = c.id)');
      where.params.push(tag.toLowerCase());
    }
    if (filters.text && filters.text.trim() !== '') {
      const match = toMatchExpression(parseSearch(filters.text).words);
      if (match) {
        where.clauses.push(
          `(c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?) OR c.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?) OR c.remote_id = ?)`,
        );
        where.params.push(match, match, filters.text.trim().replace(/^#/, ''));
      }
    }
    return where;
  }
}
