import { expect, type Locator, type Page } from '@playwright/test';
import type { DemoTicket, DemoUser } from '../../../src-main/demo/index';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import type { App } from './app';
import type { DemoTruth } from './demo-truth';
import type { RpcClient } from './rpc-client';

// The outbox end to end: selectors of docs/ui-contract.md § "Writes, outbox and offline", the
// agent's actions as a person does them, and the helpdesk's side of the story (its audits).

export class OutboxUi {
  constructor(readonly app: App) {}

  get page(): Page {
    return this.app.page;
  }
  get networkState(): Locator {
    return this.page.getByTestId('network-state');
  }
  get workOffline(): Locator {
    return this.page.getByRole('button', { name: 'Work offline', exact: true });
  }
  get count(): Locator {
    return this.page.getByTestId('outbox-count');
  }
  get panel(): Locator {
    return this.page.getByRole('dialog', { name: 'Outbox', exact: true });
  }
  get items(): Locator {
    return this.panel.getByTestId('outbox-item');
  }
  itemsIn(state: 'queued' | 'sending' | 'failed' | 'conflict'): Locator {
    return this.panel.locator(`[data-testid="outbox-item"][data-state="${state}"]`);
  }
  get conflict(): Locator {
    return this.page.getByRole('dialog', { name: 'Conflict', exact: true });
  }
  get composer(): Locator {
    return this.app.caseRegion.getByRole('region', { name: 'Composer', exact: true });
  }
  get message(): Locator {
    return this.composer.getByLabel('Message', { exact: true });
  }
  get bulk(): Locator {
    return this.page.getByRole('toolbar', { name: 'Bulk actions', exact: true });
  }
  /** Thread messages still in the outbox. */
  get pendingMessages(): Locator {
    return this.app.caseRegion.locator('article[data-pending="true"]');
  }

  async setWorkOffline(on: boolean): Promise<void> {
    await this.workOffline.click();
    await expect(this.workOffline).toHaveAttribute('aria-pressed', String(on));
    await expect(this.networkState).toHaveText(on ? 'Working offline' : 'Online');
  }

  async openPanel(): Promise<void> {
    await this.count.click();
    await expect(this.panel).toBeVisible();
  }

  async closePanel(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.panel).toBeHidden();
  }

  /** Types a reply to the open case and sends it with Ctrl+Enter; it shows in the thread as queued. */
  async reply(body: string): Promise<void> {
    await this.message.fill(body);
    await this.message.press('Control+Enter');
    await expect(this.message).toHaveValue('');
    await expect(this.pendingMessages.filter({ hasText: body })).toHaveCount(1);
  }

  async addTag(tag: string): Promise<void> {
    const input = this.app.caseRegion.getByLabel('Add tag', { exact: true });
    await input.fill(tag);
    await input.press('Enter');
    await expect(this.app.caseRegion.getByRole('button', { name: `Remove tag ${tag}`, exact: true })).toBeVisible();
  }

  async assign(agentName: string): Promise<void> {
    const select = this.app.caseRegion.getByLabel('Case assignee', { exact: true });
    await select.selectOption({ label: agentName });
    await expect(select.locator('option:checked')).toHaveText(agentName);
  }
}

/** The nine actions of the offline scenario: which cases get what. */
export interface NinePlan {
  solve: number[];
  replies: { id: number; body: string }[];
  tags: { id: number; tag: string }[];
  assign: { id: number; agent: DemoUser };
  /** Every case touched, with its status before. */
  before: Map<number, DemoTicket>;
}

const isOpen = (t: DemoTicket) => t.status === 'new' || t.status === 'open';

/** Every agent of the helpdesk (agents and admins). */
export async function agentsOf(truth: DemoTruth): Promise<DemoUser[]> {
  const body = await truth.api<{ users: DemoUser[] }>('/api/v2/users.json?role[]=agent&role[]=admin&per_page=100');
  return body.users;
}

/**
 * Does, through the UI, what the issue asks of an agent triaging offline: bulk-solve 3 cases (the
 * first rows of "All open", multi-selected), reply to 3 cases (Ctrl+Enter), tag 2, assign 1. The
 * truth (tickets and agents) must be read before the helpdesk goes away.
 */
export async function queueNineActions(ui: OutboxUi, tickets: readonly DemoTicket[], agents: readonly DemoUser[], meId: number, label: string): Promise<NinePlan> {
  const { app } = ui;
  const byId = new Map(tickets.map((t) => [t.id, t]));

  // Bulk-solve: select three rows (click, then Ctrl+click twice), then Solve.
  await app.switchView('all_open');
  const solve = (await app.rowRemoteIds()).slice(0, 3);
  expect(solve, 'three open cases to solve').toHaveLength(3);
  await app.row(solve[0]!).click();
  await app.row(solve[1]!).click({ modifiers: ['ControlOrMeta'] });
  await app.row(solve[2]!).click({ modifiers: ['ControlOrMeta'] });
  for (const id of solve) await expect(app.row(id)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.bulk).toBeVisible();
  await ui.bulk.getByRole('button', { name: 'Solve', exact: true }).click();
  // Solved at once (optimistically): they leave the open view.
  for (const id of solve) await expect(app.row(id)).toBeHidden();

  const rest = tickets.filter((t) => isOpen(t) && !solve.includes(t.id)).sort((a, b) => b.id - a.id);
  expect(rest.length, 'six more open cases').toBeGreaterThanOrEqual(6);
  const replies = rest.slice(0, 3).map((t, i) => ({ id: t.id, body: `${label} reply ${i + 1}: thanks for waiting, your order ships today.` }));
  const tags = rest.slice(3, 5).map((t, i) => ({ id: t.id, tag: `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-tag-${i + 1}` }));
  const target = rest[5]!;
  const agent = agents.find((a) => a.active && !a.suspended && a.id !== meId && a.id !== target.assignee_id);
  if (!agent) throw new Error('no agent to assign to');

  for (const { id, body } of replies) {
    await app.openCase(id, byId.get(id)!.status);
    await ui.reply(body);
  }
  for (const { id, tag } of tags) {
    await app.openCase(id, byId.get(id)!.status);
    await ui.addTag(tag);
  }
  await app.openCase(target.id, target.status);
  await ui.assign(agent.name);

  const before = new Map([...solve, ...replies.map((r) => r.id), ...tags.map((t) => t.id), target.id].map((id) => [id, byId.get(id)!]));
  return { solve, replies, tags, assign: { id: target.id, agent }, before };
}

/** The outbox as core holds it, by case (remote id). */
export async function outboxByCase(rpc: RpcClient): Promise<Map<number, OutboxItemView[]>> {
  const items = await rpc.call('outbox:list', {});
  const byCase = new Map<number, OutboxItemView[]>();
  for (const item of items) byCase.set(Number(item.caseRemoteId), [...(byCase.get(Number(item.caseRemoteId)) ?? []), item]);
  return byCase;
}

/** A ticket's audits, oldest first: id and the Shiftdesk action id in metadata.custom (if any). */
export async function auditsOf(truth: DemoTruth, ticketId: number): Promise<{ id: number; actionId: string | null }[]> {
  const audits: { id: number; actionId: string | null }[] = [];
  let path: string | null = `/api/v2/tickets/${ticketId}/audits.json?page[size]=100`;
  while (path) {
    const body: { audits: { id: number; metadata?: { custom?: Record<string, unknown> } }[]; meta?: { has_more: boolean }; links?: { next?: string | null } } = await truth.api(path);
    for (const audit of body.audits) {
      const id = audit.metadata?.custom?.shiftdesk_action_id;
      audits.push({ id: audit.id, actionId: typeof id === 'string' ? id : null });
    }
    path = body.meta?.has_more ? (body.links?.next ?? null) : null;
  }
  return audits;
}

/** Every Shiftdesk action id recorded in a ticket's audits, oldest first (a duplicate shows twice). */
export async function actionIdsOf(truth: DemoTruth, ticketId: number): Promise<string[]> {
  return (await auditsOf(truth, ticketId)).flatMap((a) => (a.actionId ? [a.actionId] : []));
}

/**
 * The helpdesk's truth after the outbox drained: each of the nine actions is in its ticket's audits
 * exactly once (and nothing else of ours is), and the tickets show what the agent did.
 */
export async function expectNineLanded(truth: DemoTruth, plan: NinePlan, queued: Map<number, OutboxItemView[]>, meId: number): Promise<void> {
  const expectedIds = new Set([...queued.values()].flat().map((item) => item.id));
  expect(expectedIds.size, 'nine distinct action ids were queued').toBe(9);
  for (const [ticketId, items] of queued) {
    expect(await actionIdsOf(truth, ticketId), `ticket ${ticketId}: each action landed exactly once, in order`).toEqual(items.map((i) => i.id));
  }
  for (const id of plan.solve) expect((await truth.ticket(id)).status, `ticket ${id} solved`).toBe('solved');
  for (const { id, body } of plan.replies) {
    const comments = await truth.comments(id);
    const ours = comments.filter((c) => c.body === body);
    expect(ours, `ticket ${id}: the reply is there once`).toHaveLength(1);
    expect(ours[0]).toMatchObject({ public: true, author_id: meId });
    expect(comments.at(-1)!.body, `ticket ${id}: the reply is the newest comment`).toBe(body);
    expect((await truth.ticket(id)).status, `ticket ${id}: a plain reply leaves the status`).toBe(plan.before.get(id)!.status);
  }
  for (const { id, tag } of plan.tags) {
    const ticket = await truth.ticket(id);
    expect(ticket.tags, `ticket ${id} tagged`).toContain(tag);
    // Tags are added, never replaced: the ones it had stay.
    for (const old of plan.before.get(id)!.tags) expect(ticket.tags).toContain(old);
  }
  expect((await truth.ticket(plan.assign.id)).assignee_id, `ticket ${plan.assign.id} assigned`).toBe(plan.assign.agent.id);
}
