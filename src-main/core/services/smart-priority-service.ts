import Sentiment from 'sentiment';
import type { CaseDetail, InboxPage, InboxRow } from '../../../src-shared/contract/models';
import type { SmartPreviewView, SmartPrioritySettingsView, SmartPriorityView } from '../../../src-shared/contract/priority';
import { customerDisplayName, customerLifetimeValue, parseCachedOrders } from '../../../src-shared/domain/customer-value';
import { analyzeKoreanSentiment, isMostlyKorean } from '../../../src-shared/domain/korean-sentiment';
import {
  combine,
  DEFAULT_SMART_WEIGHTS,
  factsOf,
  normalizeWeights,
  parseFacts,
  pointsOf,
  reasonsFromFacts,
  slaPressureAt,
  timeReasons,
  toUsd,
  type SmartFacts,
  type SmartWeights,
} from '../../../src-shared/domain/smart-priority';
import type { Db } from '../db/connection';

// Smart priority in core (docs/smart-priority.md § Storage and sorting). The rules are pure
// (src-shared/domain/smart-priority.ts); this service feeds them from the cache, stores each case's
// facts and score, keeps the score fresh, and serves the weights and the live preview.

/** How many customer messages the triggers read (newest first). */
const CUSTOMER_MESSAGES = 3;
/** Characters of a message the rules read (sentiment on long quoted mails is noise). */
const MESSAGE_CHARS = 4000;
/** Re-scoring runs in batches of this many cases, yielding to other work between them. */
const BATCH = 500;
/** Changes with at most this many stale cases are re-scored before their change event goes out. */
const INLINE_LIMIT = 200;
/** How often the time part (waiting, SLA pressure) of the sort key is brought up to date. */
export const TIME_REFRESH_MS = 60_000;

const UNSOLVED = `('open', 'pending', 'hold')`;

interface CaseFactsRow {
  subject: string;
  tier: string | null;
  ltv: number | null;
  followers: number | null;
  locale: string | null;
  orders: string | null;
}

interface ScoreRow {
  id: number;
  queue: string;
  smartBase: number;
  smartScore: number;
  waitingSince: number | null;
  slaDueAt: number | null;
  slaAtRiskAt: number | null;
}

export interface SmartPriorityOptions {
  /** Scores changed outside a sync batch (a background re-score, the time refresh, new weights): tell the UI. */
  onScored?: (caseIds: number[]) => void;
  now?: () => number;
}

export class SmartPriorityService {
  private readonly english = new Sentiment();
  private weightsCache: SmartWeights | null = null;
  private background: ReturnType<typeof setTimeout> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  /** Whether cases carry SLA due times (migration 0007): the time part reads them when they do. */
  private readonly hasSla: boolean;

  constructor(
    private readonly db: Db,
    private readonly options: SmartPriorityOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const columns = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name);
    this.hasSla = columns.includes('sla_next_due_at') && columns.includes('sla_next_at_risk_at');
  }

  /** Starts the background work: re-scores stale cases and refreshes the time part every minute. */
  start(): void {
    this.scheduleBackground();
    this.timer ??= setInterval(() => this.refreshTime(), TIME_REFRESH_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.background) clearTimeout(this.background);
    if (this.timer) clearInterval(this.timer);
    this.background = null;
    this.timer = null;
  }

  // --- weights --------------------------------------------------------------------------------

  weights(): SmartWeights {
    if (this.weightsCache) return this.weightsCache;
    const json = this.db.prepare('SELECT weights_json FROM smart_priority_settings WHERE id = 1').pluck().get() as string | undefined;
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = json === undefined ? null : (JSON.parse(json) as Record<string, unknown>);
    } catch {
      parsed = null;
    }
    this.weightsCache = normalizeWeights(parsed);
    return this.weightsCache;
  }

  settingsView(): SmartPrioritySettingsView {
    const saved = this.db.prepare('SELECT 1 FROM smart_priority_settings WHERE id = 1').get() !== undefined;
    return { weights: this.weights(), defaults: { ...DEFAULT_SMART_WEIGHTS }, customized: saved };
  }

  /** Saves new weights (null: back to the defaults) and re-scores every case from its stored facts. */
  setWeights(weights: SmartWeights | null): SmartPrioritySettingsView {
    if (weights === null) this.db.prepare('DELETE FROM smart_priority_settings WHERE id = 1').run();
    else
      this.db
        .prepare('INSERT INTO smart_priority_settings (id, weights_json, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET weights_json = excluded.weights_json, updated_at = excluded.updated_at')
        .run(JSON.stringify(normalizeWeights(weights)), this.now());
    this.weightsCache = null;
    this.rescoreAll();
    return this.settingsView();
  }

  // --- scoring --------------------------------------------------------------------------------

  private readCase(): (id: number) => CaseFactsRow | undefined {
    const statement = this.db.prepare(
      `SELECT c.subject, cc.tier, cc.lifetime_value AS ltv, cc.followers, cu.locale, cc.orders_json AS orders
       FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN customer_context cc ON cc.customer_id = c.customer_id WHERE c.id = ?`,
    );
    return (id) => statement.get(id) as CaseFactsRow | undefined;
  }

  /** What the rules find in a case now (reads its subject, latest customer messages and customer). */
  factsFor(caseId: number): SmartFacts | null {
    return this.factsReader()(caseId);
  }

  private factsReader(): (caseId: number) => SmartFacts | null {
    const read = this.readCase();
    const messages = this.db.prepare(`SELECT substr(body_text, 1, ${MESSAGE_CHARS}) FROM messages WHERE case_id = ? AND author_kind = 'customer' ORDER BY created_at DESC, id DESC LIMIT ${CUSTOMER_MESSAGES}`).pluck();
    return (caseId) => {
      const row = read(caseId);
      if (!row) return null;
      const texts = messages.all(caseId) as string[];
      // The value as the customer pane shows it (one rule for both), converted to dollars only to rank.
      const value = customerLifetimeValue({ recordedLifetimeValue: row.ltv, orders: parseCachedOrders(row.orders) });
      return factsOf({
        subject: row.subject,
        customerMessages: texts,
        sentiment: this.sentimentOf(texts[0] ?? null),
        tier: row.tier,
        lifetimeValueUsd: value === null ? null : toUsd(value.amount, value.currency, row.locale),
        lifetimeValue: value,
        followers: row.followers,
      });
    };
  }

  /** Sentiment of one message: the `sentiment` library (AFINN-165) for English, our lexicon for Korean. */
  sentimentOf(text: string | null): { comparative: number; language: 'en' | 'ko' } | null {
    if (text === null || text.trim() === '') return null;
    if (isMostlyKorean(text)) return { comparative: analyzeKoreanSentiment(text).comparative, language: 'ko' };
    return { comparative: this.english.analyze(text).comparative, language: 'en' };
  }

  /** Re-scores up to `max` stale cases; returns their ids. */
  refreshStale(max = Number.POSITIVE_INFINITY): number[] {
    const done: number[] = [];
    const pick = this.db.prepare('SELECT id FROM cases WHERE smart_stale = 1 LIMIT ?').pluck();
    while (done.length < max) {
      const ids = pick.all(Math.min(BATCH, max - done.length)) as number[];
      if (ids.length === 0) break;
      this.rescore(ids);
      done.push(...ids);
    }
    return done;
  }

  /** After a change: re-score a few stale cases at once, the rest in the background. */
  afterChange(): void {
    const pending = this.db.prepare('SELECT count(*) FROM (SELECT 1 FROM cases WHERE smart_stale = 1 LIMIT ?)').pluck().get(INLINE_LIMIT + 1) as number;
    if (pending === 0) return;
    if (pending <= INLINE_LIMIT) this.refreshStale();
    else this.scheduleBackground();
  }

  private scheduleBackground(): void {
    if (this.background) return;
    const step = () => {
      this.background = null;
      let ids: number[];
      try {
        ids = this.refreshStale(BATCH);
      } catch {
        return; // the database is closing
      }
      if (ids.length === 0) return;
      this.options.onScored?.(ids);
      this.background = setTimeout(step, 0);
    };
    this.background = setTimeout(step, 0);
  }

  /** New weights: every case's base and score from its stored facts (no message is read again). */
  private rescoreAll(): void {
    const weights = this.weights();
    const now = this.now();
    const rows = this.db.prepare(`SELECT id, smart_facts AS facts, queue, waiting_since AS waitingSince, ${this.slaColumns()} FROM cases WHERE smart_facts IS NOT NULL`).all() as (Omit<ScoreRow, 'smartBase' | 'smartScore'> & { facts: string })[];
    const store = this.db.prepare('UPDATE cases SET smart_base = ?, smart_score = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of rows) {
        const facts = parseFacts(row.facts);
        const base = facts ? pointsOf(reasonsFromFacts(facts, weights)) : 0;
        store.run(base, base + this.timePoints(row, now, weights), row.id);
      }
    })();
    this.options.onScored?.([]);
  }

  /** Brings the stored sort key of unsolved cases up to date with the clock; returns the cases changed. */
  refreshTime(): number[] {
    const weights = this.weights();
    const now = this.now();
    let rows: ScoreRow[];
    try {
      rows = this.db
        .prepare(`SELECT id, queue, smart_base AS smartBase, smart_score AS smartScore, waiting_since AS waitingSince, ${this.slaColumns()} FROM cases WHERE synced = 1 AND queue IN ${UNSOLVED} AND smart_stale = 0`)
        .all() as ScoreRow[];
    } catch {
      return []; // closing
    }
    const changed = rows.filter((row) => row.smartBase + this.timePoints(row, now, weights) !== row.smartScore);
    if (changed.length === 0) return [];
    const store = this.db.prepare('UPDATE cases SET smart_score = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of changed) store.run(row.smartBase + this.timePoints(row, now, weights), row.id);
    })();
    const ids = changed.map((r) => r.id);
    this.options.onScored?.(ids.length <= 500 ? ids : []);
    return ids;
  }

  private slaColumns(): string {
    return this.hasSla ? 'sla_next_due_at AS slaDueAt, sla_next_at_risk_at AS slaAtRiskAt' : 'NULL AS slaDueAt, NULL AS slaAtRiskAt';
  }

  private timeReader(): (id: number) => Pick<ScoreRow, 'queue' | 'waitingSince' | 'slaDueAt' | 'slaAtRiskAt'> | undefined {
    const statement = this.db.prepare(`SELECT queue, waiting_since AS waitingSince, ${this.slaColumns()} FROM cases WHERE id = ?`);
    return (id) => statement.get(id) as Pick<ScoreRow, 'queue' | 'waitingSince' | 'slaDueAt' | 'slaAtRiskAt'> | undefined;
  }

  private timePoints(row: Pick<ScoreRow, 'queue' | 'waitingSince' | 'slaDueAt' | 'slaAtRiskAt'>, now: number, weights: SmartWeights): number {
    return pointsOf(timeReasons(this.timeInput(row, now), weights));
  }

  private timeInput(row: Pick<ScoreRow, 'queue' | 'waitingSince' | 'slaDueAt' | 'slaAtRiskAt'>, now: number) {
    // Solved cases wait for nobody and their clocks are done.
    const solved = row.queue === 'solved';
    return { waitingSince: solved ? null : row.waitingSince, slaState: solved ? null : slaPressureAt(row.slaDueAt, row.slaAtRiskAt, now), now };
  }

  // --- views ----------------------------------------------------------------------------------

  /** The score with its reasons of these cases, now. Cases never scored are scored first. */
  views(caseIds: readonly number[], weights: SmartWeights = this.weights()): Map<number, SmartPriorityView> {
    const result = new Map<number, SmartPriorityView>();
    if (caseIds.length === 0) return result;
    const list = caseIds.map(() => '?').join(',');
    const staleIds = this.db.prepare(`SELECT id FROM cases WHERE id IN (${list}) AND smart_stale = 1`).pluck().all(...caseIds) as number[];
    if (staleIds.length > 0) this.rescore(staleIds);
    const rows = this.db.prepare(`SELECT id, smart_facts AS facts, queue, waiting_since AS waitingSince, ${this.slaColumns()} FROM cases WHERE id IN (${list})`).all(...caseIds) as (Omit<ScoreRow, 'smartBase' | 'smartScore'> & { facts: string | null })[];
    const now = this.now();
    for (const row of rows) {
      const facts = parseFacts(row.facts);
      result.set(row.id, combine(facts ? reasonsFromFacts(facts, weights) : [], timeReasons(this.timeInput(row, now), weights)));
    }
    return result;
  }

  private rescore(ids: readonly number[]): void {
    const facts = this.factsReader();
    const timeOf = this.timeReader();
    const weights = this.weights();
    const now = this.now();
    const store = this.db.prepare('UPDATE cases SET smart_facts = ?, smart_base = ?, smart_score = ?, smart_stale = 0 WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) {
        const found = facts(id);
        const base = found ? pointsOf(reasonsFromFacts(found, weights)) : 0;
        const time = timeOf(id);
        store.run(found ? JSON.stringify(found) : null, base, base + (time ? this.timePoints(time, now, weights) : 0), id);
      }
    })();
  }

  /** Fills `smart` on the rows (the inbox page, a case). */
  fill<R extends InboxRow>(rows: R[]): R[] {
    const views = this.views(rows.map((r) => r.id));
    for (const row of rows) row.smart = views.get(row.id) ?? null;
    return rows;
  }

  page(page: InboxPage): InboxPage {
    this.fill(page.rows);
    return page;
  }

  detail(detail: CaseDetail | null): CaseDetail | null {
    if (detail) this.fill([detail]);
    return detail;
  }

  /**
   * The open queue re-ranked with candidate weights, without saving them: the top `limit` with
   * scores and reasons, and where each stood with the saved weights. Reads the stored facts only.
   */
  preview(candidate: SmartWeights, limit: number): SmartPreviewView {
    this.refreshStale(2000);
    const saved = this.weights();
    const weights = normalizeWeights(candidate);
    const now = this.now();
    const rows = this.db
      .prepare(`SELECT id, smart_facts AS facts, queue, waiting_since AS waitingSince, ${this.slaColumns()} FROM cases WHERE synced = 1 AND queue = 'open'`)
      .all() as (Omit<ScoreRow, 'smartBase' | 'smartScore'> & { facts: string | null })[];
    const scored = rows.map((row) => {
      const facts = parseFacts(row.facts);
      const time = timeReasons(this.timeInput(row, now), weights);
      const savedTime = timeReasons(this.timeInput(row, now), saved);
      return {
        id: row.id,
        waitingSince: row.waitingSince ?? Number.MAX_SAFE_INTEGER,
        view: combine(facts ? reasonsFromFacts(facts, weights) : [], time),
        savedScore: (facts ? pointsOf(reasonsFromFacts(facts, saved)) : 0) + pointsOf(savedTime),
      };
    });
    const byRank = (score: (s: (typeof scored)[number]) => number) => (a: (typeof scored)[number], b: (typeof scored)[number]) => score(b) - score(a) || a.waitingSince - b.waitingSince || a.id - b.id;
    const top = [...scored].sort(byRank((s) => s.view.score)).slice(0, limit);
    const savedOrder = [...scored].sort(byRank((s) => s.savedScore)).slice(0, Math.max(limit * 5, 50));
    const savedRank = new Map(savedOrder.map((s, i) => [s.id, i + 1]));
    const info = new Map(
      (
        this.db
          .prepare(`SELECT c.id, c.remote_id AS remoteId, c.subject, cu.name AS customer FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.id IN (${top.map(() => '?').join(',') || 'NULL'})`)
          .all(...top.map((t) => t.id)) as { id: number; remoteId: string; subject: string; customer: string | null }[]
      ).map((r) => [r.id, r]),
    );
    return {
      considered: rows.length,
      rows: top.map((t) => ({
        caseId: t.id,
        remoteId: info.get(t.id)?.remoteId ?? '',
        subject: info.get(t.id)?.subject ?? '',
        customer: customerDisplayName(info.get(t.id)?.customer),
        smart: t.view,
        savedRank: savedRank.get(t.id) ?? null,
      })),
    };
  }
}
