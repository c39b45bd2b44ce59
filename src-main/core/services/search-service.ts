import type { IdentityKind } from '../../../src-shared/domain/channels';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import { parseSearch, type ParsedSearch } from '../../../src-shared/domain/search-syntax';
import { toMatchExpression } from '../../../src-shared/domain/search-text';
import { searchInputSchema, type SearchResults } from '../../../src-shared/contract/models';
import { customerDisplayName } from '../../../src-shared/domain/customer-value';
import type { Db } from '../db/connection';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toInboxRow, type CaseRowRecord } from './case-rows';

/** How many newest message hits are considered; ranking every hit of a common word costs ~300 ms at 1M rows. */
const MESSAGE_CANDIDATES = 300;

/**
 * Global search: free words over subjects, messages and customers, with operators
 * (status:, channel:, priority:, tag:, from:, assignee:) narrowing the cases they belong to.
 */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly myAgentIds: () => number[],
  ) {}

  search(input: { query: string; limit?: number }): SearchResults {
    const started = performance.now();
    const { query, limit } = searchInputSchema.parse(input);
    const parsed = parseSearch(query);
    const match = toMatchExpression(parsed.words);
    const caseFilter = this.caseFilter(parsed);
    const results: SearchResults = {
      query,
      highlights: parsed.words.flatMap((w) => w.split(/\s+/)).filter((w) => w.length > 0),
      errors: parsed.errors,
      cases: [],
      messages: [],
      customers: [],
      tookMs: 0,
    };
    if (match === null && caseFilter.clauses.length === 0) return { ...results, tookMs: performance.now() - started };

    // Messages: newest hits first, then narrowed by the operators on their case.
    let messageCaseIds: number[] = [];
    if (match !== null) {
      const hits = this.db
        .prepare(
          `SELECT m.id, m.case_id AS caseId, c.subject AS caseSubject, m.channel, m.body_text AS body, m.created_at AS createdAt,
             m.author_kind AS authorKind, ag.id AS agentId, ag.name AS agentName, ru.customer_id AS customerId, cu.name AS customerName
           FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ${MESSAGE_CANDIDATES}) hit
           JOIN messages m ON m.id = hit.rowid
           JOIN cases c ON c.id = m.case_id AND c.synced = 1
           LEFT JOIN agents ag ON ag.account_id = m.account_id AND ag.remote_id = m.author_remote_id
           LEFT JOIN remote_users ru ON ru.account_id = m.account_id AND ru.remote_id = m.author_remote_id
           LEFT JOIN customers cu ON cu.id = ru.customer_id
           WHERE ${caseFilter.clauses.length > 0 ? caseFilter.clauses.join(' AND ') : '1'}
           ORDER BY m.created_at DESC LIMIT ?`,
        )
        .all(match, ...caseFilter.params, limit) as {
        id: number;
        caseId: number;
        caseSubject: string;
        channel: ChannelKind;
        body: string;
        createdAt: number;
        agentId: number | null;
        agentName: string | null;
        customerId: number | null;
        customerName: string | null;
      }[];
      results.messages = hits.map((h) => ({
        id: h.id,
        caseId: h.caseId,
        caseSubject: h.caseSubject,
        channel: h.channel,
        author: h.agentId !== null ? { id: h.agentId, name: h.agentName ?? '' } : h.customerId !== null ? { id: h.customerId, name: customerDisplayName(h.customerName) ?? '' } : null,
        snippet: snippetAround(h.body, results.highlights),
        createdAt: h.createdAt,
      }));
      messageCaseIds = [...new Set(hits.map((h) => h.caseId))];
    }

    // Cases: subject or customer matches, plus the cases of matching messages.
    const caseClauses = ['c.synced = 1', ...caseFilter.clauses];
    const caseParams: unknown[] = [...caseFilter.params];
    if (match !== null) {
      caseClauses.push(
        `(c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? LIMIT 1000) OR c.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT 200)${
          messageCaseIds.length > 0 ? ` OR c.id IN (${messageCaseIds.join(',')})` : ''
        })`,
      );
      caseParams.push(match, match);
    }
    results.cases = (
      this.db.prepare(`SELECT ${CASE_ROW_COLUMNS} FROM cases c ${CASE_ROW_JOINS} WHERE ${caseClauses.join(' AND ')} ORDER BY c.updated_at DESC LIMIT ?`).all(...caseParams, limit) as CaseRowRecord[]
    ).map((r) => toInboxRow(r));

    // Customers by name or identity.
    const customerMatch = match ?? (parsed.from.length > 0 ? toMatchExpression(parsed.from) : null);
    if (customerMatch !== null) {
      const customers = this.db
        .prepare(
          `SELECT cu.id, cu.name, (SELECT count(*) FROM cases c WHERE c.customer_id = cu.id AND c.synced = 1) AS caseCount
           FROM (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?) hit JOIN customers cu ON cu.id = hit.rowid`,
        )
        .all(customerMatch, limit) as { id: number; name: string; caseCount: number }[];
      const identities = this.db.prepare('SELECT kind, value FROM customer_identities WHERE customer_id = ?');
      results.customers = customers.map((c) => ({ ...c, name: customerDisplayName(c.name) ?? '', identities: identities.all(c.id) as { kind: IdentityKind; value: string }[] }));
    }
    results.tookMs = performance.now() - started;
    return results;
  }

  private caseFilter(parsed: ParsedSearch): { clauses: string[]; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: readonly string[]) => {
      if (values.length === 0) return;
      clauses.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    inList('c.status', parsed.status);
    inList('c.channel', parsed.channel);
    inList('c.priority', parsed.priority);
    for (const tag of parsed.tags) {
      clauses.push('EXISTS (SELECT 1 FROM case_tags t WHERE t.tag = ? AND t.case_id = c.id)');
      params.push(tag);
    }
    for (const from of parsed.from) {
      const match = toMatchExpression([from]);
      if (match === null) continue;
      clauses.push('c.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)');
      params.push(match);
    }
    for (const assignee of parsed.assignee) {
      if (assignee === 'me') clauses.push(`c.assignee_id IN (${this.myAgentIds().join(',') || '-1'})`);
      else if (assignee === 'none') clauses.push('c.assignee_id IS NULL');
      else {
        clauses.push('c.assignee_id IN (SELECT id FROM agents WHERE lower(name) LIKE ? OR lower(email) LIKE ?)');
        params.push(`%${assignee}%`, `${assignee}%`);
      }
    }
    return { clauses, params };
  }
}

/** A window of the text around the first highlighted word, so the agent sees why it matched. */
export function snippetAround(text: string, words: readonly string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const word of words) {
    const index = lower.indexOf(word.toLowerCase());
    if (index !== -1 && (at === -1 || index < at)) at = index;
  }
  if (at === -1 || flat.length <= width) return flat.slice(0, width);
  const start = Math.max(0, at - Math.floor(width / 3));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width)}${start + width < flat.length ? '…' : ''}`;
}

