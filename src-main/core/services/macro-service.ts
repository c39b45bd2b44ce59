import type { RecentOrderView } from '../../../src-shared/contract/models';
import type { MacroActions, MacroBulkResult, MacroContextView, MacroInput, MacroSuggestion, MacroView } from '../../../src-shared/contract/macros';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { customerDisplayName, parseCachedOrders } from '../../../src-shared/domain/customer-value';
import { firstNameOf, parseTemplate, renderTemplate, type MacroContext } from '../../../src-shared/domain/macro-template';
import type { Db } from '../db/connection';
import { MacroRepo, toMacroView, type MacroRow } from '../db/repos/macro-repo';
import type { OutboxService } from './outbox-service';
import { suggestMatch, suggestTerms } from './macro-terms';

/** How many of a case's latest customer messages a suggestion reads. */
const SUGGEST_MESSAGES = 3;

/** A macro request core refuses, with the reason the agent should see. */
export class MacroError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MacroError';
  }
}

interface CaseFacts {
  id: number;
  accountId: number;
  remoteId: string;
  subject: string;
  tags: string;
  customerId: number | null;
  customerName: string | null;
  tier: string | null;
  ordersJson: string | null;
  meAgentId: number | null;
  meName: string | null;
}

/**
 * Macros (DESIGN §8, issue 6, docs/macros.md): the list, personal macros, suggestions for a case,
 * the placeholder values of a case, usage counts and the bulk apply through the outbox.
 */
export class MacroService {
  readonly repo: MacroRepo;

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
  ) {
    this.repo = new MacroRepo(db);
    this.suggestCase = db.prepare('SELECT account_id AS accountId, subject FROM cases WHERE id = ? AND synced = 1');
    this.latestCustomerMessages = db
      .prepare(`SELECT body_text FROM messages WHERE case_id = ? AND author_kind = 'customer' ORDER BY created_at DESC, id DESC LIMIT ${SUGGEST_MESSAGES}`)
      .pluck();
  }

  private readonly suggestCase: ReturnType<Db['prepare']>;
  private readonly latestCustomerMessages: ReturnType<Db['prepare']>;

  list(): MacroView[] {
    return this.repo.listActive().map(toMacroView);
  }

  /** Creates or changes a personal macro. Refuses shared macros, unknown placeholders and unknown agents or groups. */
  save(input: MacroInput, now: number = Date.now()): MacroView {
    if (input.id !== undefined) {
      const existing = this.repo.get(input.id);
      if (!existing) throw new MacroError(`There is no macro ${input.id}`);
      if (existing.source === 'shared') throw new MacroError(`"${existing.title}" is a shared macro from the helpdesk: it can only be changed there`);
    }
    const problems = [...parseTemplate(input.body).problems, ...parseTemplate(input.title).problems];
    if (problems.length > 0) {
      const unknown = [...new Set(problems.filter((p) => p.kind === 'unknown-placeholder').map((p) => p.source))];
      const bad = [...new Set(problems.filter((p) => p.kind === 'bad-placeholder').map((p) => p.source))];
      const parts = [
        ...(unknown.length > 0 ? [`unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`] : []),
        ...(bad.length > 0 ? [`malformed placeholder${bad.length > 1 ? 's' : ''} ${bad.join(', ')}`] : []),
      ];
      throw new MacroError(`The macro cannot be saved: ${parts.join('; ')}`);
    }
    const actions = this.checkedActions(input.actions);
    const id = this.repo.savePersonal(input.id, { title: input.title.trim(), body: input.body, bodyPublic: input.bodyPublic, actions }, now);
    if (id === null) throw new MacroError(`There is no personal macro ${input.id}`);
    return toMacroView(this.repo.get(id)!);
  }

  /** The actions as stored: agents and groups must exist; tags are lower case, without duplicates. */
  private checkedActions(actions: MacroActions): MacroActions {
    const checked: MacroActions = { ...actions };
    if (actions.assignee?.kind === 'agent') {
      const exists = this.db.prepare('SELECT 1 FROM agents WHERE id = ?').get(actions.assignee.agentId) !== undefined;
      if (!exists) throw new MacroError(`The macro assigns to agent ${actions.assignee.agentId}, who is not in the directory`);
    }
    if (actions.groupId !== undefined && actions.groupId !== null) {
      const exists = this.db.prepare('SELECT 1 FROM groups WHERE id = ?').get(actions.groupId) !== undefined;
      if (!exists) throw new MacroError(`The macro sets group ${actions.groupId}, which is not in the directory`);
    }
    for (const key of ['addTags', 'removeTags', 'setTags'] as const) {
      if (actions[key] !== undefined) checked[key] = [...new Set(actions[key].map((t) => t.trim().toLowerCase()))];
    }
    return checked;
  }

  /** Deletes a personal macro; a shared one is refused. */
  delete(id: number): { deleted: boolean } {
    const existing = this.repo.get(id);
    if (!existing) return { deleted: false };
    if (existing.source === 'shared') throw new MacroError(`"${existing.title}" is a shared macro from the helpdesk: it can only be deleted there`);
    return { deleted: this.repo.deletePersonal(id) };
  }

  /** Counts one use of a macro (applied in the composer). */
  used(id: number, now: number = Date.now()): { ok: boolean } {
    return { ok: this.repo.countUse(id, now) };
  }

  /**
   * The macros that fit a case best: bm25 over the macros' title and body, queried with the
   * distinctive words of the case's latest customer messages (and its subject). [] when nothing matches.
   */
  suggest(caseId: number, limit = 3): MacroSuggestion[] {
    const row = this.suggestCase.get(caseId) as { accountId: number; subject: string } | undefined;
    if (!row) return [];
    const messages = this.latestCustomerMessages.all(caseId) as string[];
    const match = suggestMatch(suggestTerms([{ text: row.subject, weight: 2 }, ...messages.map((text) => ({ text, weight: 1 }))]));
    if (match === null) return [];
    return this.repo.suggest(match, row.accountId, limit).map((hit) => ({ macroId: hit.macroId, score: Math.round(hit.score * 1000) / 1000 }));
  }

  private facts(caseId: number): CaseFacts | undefined {
    return this.db
      .prepare(
        `SELECT c.id, c.account_id AS accountId, c.remote_id AS remoteId, c.subject, c.tags, c.customer_id AS customerId, cu.name AS customerName,
           ctx.tier, ctx.orders_json AS ordersJson, me.id AS meAgentId, me.name AS meName
         FROM cases c
         JOIN accounts a ON a.id = c.account_id
         LEFT JOIN agents me ON me.account_id = a.id AND me.remote_id = a.me_remote_id
         LEFT JOIN customers cu ON cu.id = c.customer_id
         LEFT JOIN customer_context ctx ON ctx.customer_id = c.customer_id
         WHERE c.id = ? AND c.synced = 1`,
      )
      .get(caseId) as CaseFacts | undefined;
  }

  private contextOf(facts: CaseFacts): MacroContext {
    const customerName = customerDisplayName(facts.customerName);
    return {
      'customer.first_name': firstNameOf(customerName),
      'customer.name': customerName,
      'customer.tier': facts.tier,
      'customer.last_order.number': lastOrderNumber(facts.ordersJson),
      'case.id': facts.remoteId,
      'case.subject': facts.subject.trim() === '' ? null : facts.subject,
      'agent.name': facts.meName,
      'agent.first_name': firstNameOf(facts.meName),
    };
  }

  /** The placeholder values of a case (for previews). */
  context(caseId: number): MacroContextView {
    const facts = this.facts(caseId);
    if (!facts) throw new MacroError(`Case ${caseId} is not in the cache`);
    return { caseId, values: this.contextOf(facts) };
  }

  /**
   * Applies a macro to several cases: for each, the text rendered with that case's values and
   * the actions resolved against that case (me, its tags), queued as ONE outbox action per case,
   * all in one durable transaction with the use counted. Cases the macro cannot apply to (another
   * account's shared macro, an agent or group of another account, nothing to change) are listed
   * in `refused` and get no action.
   */
  applyBulk(macroId: number, caseIds: readonly number[], now: number = Date.now()): Required<MacroBulkResult> {
    const macro = this.repo.get(macroId);
    if (!macro || !macro.active) throw new MacroError(`There is no macro ${macroId}`);
    const items: { caseId: number; intent: CaseIntent }[] = [];
    const missing: MacroBulkResult['missing'] = [];
    const refused: { caseId: number; reason: string }[] = [];
    for (const caseId of [...new Set(caseIds)]) {
      const facts = this.facts(caseId);
      if (!facts) {
        refused.push({ caseId, reason: `Case ${caseId} is not in the cache` });
        continue;
      }
      const resolved = this.intentFor(macro, facts);
      if ('refused' in resolved) {
        refused.push({ caseId, reason: resolved.refused });
        continue;
      }
      items.push({ caseId, intent: resolved.intent });
      if (resolved.missing.length > 0) missing.push({ caseId, placeholders: resolved.missing });
    }
    const actions = items.length === 0 ? [] : this.outbox.actMany(items, { now, within: () => this.repo.countUse(macro.id, now) });
    return { actions, missing, refused };
  }

  private intentFor(macro: MacroRow, facts: CaseFacts): { intent: CaseIntent; missing: MacroBulkResult['missing'][number]['placeholders'] } | { refused: string } {
    if (macro.accountId !== null && macro.accountId !== facts.accountId) {
      return { refused: `"${macro.title}" is a shared macro of another helpdesk account than case ${facts.remoteId}'s` };
    }
    const rendered = renderTemplate(macro.body, this.contextOf(facts));
    const intent: CaseIntent = {};
    if (rendered.text.trim() !== '') intent.comment = { body: rendered.text, public: macro.bodyPublic };
    const { actions } = macro;
    if (actions.status !== undefined) intent.status = actions.status;
    if (actions.priority !== undefined) intent.priority = actions.priority;
    if (actions.assignee) {
      if (actions.assignee.kind === 'none') intent.assigneeId = null;
      else if (actions.assignee.kind === 'me') {
        if (facts.meAgentId === null) return { refused: `Who "me" is on the account of case ${facts.remoteId} is not known yet (the directory has not synced)` };
        intent.assigneeId = facts.meAgentId;
      } else {
        const agentAccount = this.db.prepare('SELECT account_id FROM agents WHERE id = ?').pluck().get(actions.assignee.agentId) as number | undefined;
        if (agentAccount !== facts.accountId) return { refused: `The macro assigns to an agent of another helpdesk account than case ${facts.remoteId}'s` };
        intent.assigneeId = actions.assignee.agentId;
      }
    }
    if (actions.groupId !== undefined) {
      if (actions.groupId !== null) {
        const groupAccount = this.db.prepare('SELECT account_id FROM groups WHERE id = ?').pluck().get(actions.groupId) as number | undefined;
        if (groupAccount !== facts.accountId) return { refused: `The macro sets a group of another helpdesk account than case ${facts.remoteId}'s` };
      }
      intent.groupId = actions.groupId;
    }
    const tags = tagChanges(facts.tags === '' ? [] : facts.tags.split(' '), actions);
    if (tags.add.length > 0) intent.addTags = tags.add;
    if (tags.remove.length > 0) intent.removeTags = tags.remove;
    const changes = Object.keys(intent).length;
    if (changes === 0) return { refused: `The macro changes nothing on case ${facts.remoteId}` };
    return { intent, missing: rendered.missing };
  }
}

/**
 * The tag changes of a macro on a case with `current` tags: additions and removals only (a
 * replacement, Zendesk's `set_tags`, becomes the additions and removals that reach it), so tags a
 * teammate adds meanwhile survive. Tags already there are not added again.
 */
export function tagChanges(current: readonly string[], actions: Pick<MacroActions, 'addTags' | 'removeTags' | 'setTags'>): { add: string[]; remove: string[] } {
  const have = new Set(current.map((t) => t.toLowerCase()));
  const add = new Set<string>();
  const remove = new Set<string>();
  if (actions.setTags) {
    const target = new Set(actions.setTags.map((t) => t.toLowerCase()));
    for (const tag of target) if (!have.has(tag)) add.add(tag);
    for (const tag of have) if (!target.has(tag)) remove.add(tag);
  }
  for (const tag of actions.addTags ?? []) {
    const t = tag.toLowerCase();
    remove.delete(t);
    if (!have.has(t)) add.add(t);
  }
  for (const tag of actions.removeTags ?? []) {
    const t = tag.toLowerCase();
    add.delete(t);
    if (have.has(t)) remove.add(t);
  }
  return { add: [...add], remove: [...remove] };
}

/** The number of the customer's most recent cached order (the orders the customer pane lists), if any. */
function lastOrderNumber(ordersJson: string | null): string | null {
  const orders = parseCachedOrders<RecentOrderView>(ordersJson);
  if (!orders || orders.length === 0) return null;
  const latest = orders.reduce((best, order) => ((order.placedAt ?? 0) > (best.placedAt ?? 0) ? order : best));
  return latest.number ? String(latest.number) : null;
}
