import { DEMO_AGENT_EMAIL, DEMO_TOKEN, type DemoComment, type DemoOrder, type DemoTicket, type DemoUser, type LiveChange, type UnreadableRecord } from '../../../src-main/demo/index';
import { expectedChannelKind } from '../../helpers/expected-channel';

// Ground truth for the end-to-end tests, read from the demo helpdesk the web host embeds: over
// its Zendesk API (what the app syncs from) and its loopback-only /__demo admin routes.

export interface DatasetSummary {
  seed: number;
  anchorTime: number;
  ticketCount: number;
  userCount: number;
  commentCount: number;
  meAgent: { id: number; email: string };
  hostileTicketId: number;
  sampleKoreanTicketId: number;
  emptyHtmlTicketId: number | null;
}

/** The channel kind a ticket shows as (via types and documented via ids; newer ids are 'other'). */
export function channelKindOf(ticket: Pick<DemoTicket, 'via'>): string {
  return expectedChannelKind(ticket.via);
}

export const UNSOLVED_STATUSES = new Set(['new', 'open', 'pending', 'hold']);
export const isUnsolved = (t: Pick<DemoTicket, 'status'>) => UNSOLVED_STATUSES.has(t.status);

/** The count each inbox view should show, by the definitions in src-shared/domain/views.ts and core's InboxService. */
export function expectedViewCounts(tickets: readonly DemoTicket[], meId: number): Record<string, number> {
  const counts: Record<string, number> = { mine: 0, unassigned: 0, all_open: 0, pending: 0, on_hold: 0, solved: 0 };
  for (const t of tickets) {
    if (!isUnsolved(t)) {
      counts.solved! += 1;
      continue;
    }
    if (t.assignee_id === meId) counts.mine! += 1;
    if (t.assignee_id === null) counts.unassigned! += 1;
    if (t.status === 'new' || t.status === 'open') counts.all_open! += 1;
    if (t.status === 'pending') counts.pending! += 1;
    if (t.status === 'hold') counts.on_hold! += 1;
    const channelView = `channel:${channelKindOf(t)}`;
    counts[channelView] = (counts[channelView] ?? 0) + 1;
  }
  return counts;
}

/** Which tickets a view lists. */
export function ticketsInView(tickets: readonly DemoTicket[], view: string, meId: number): DemoTicket[] {
  return tickets.filter((t) => {
    switch (view) {
      case 'mine':
        return isUnsolved(t) && t.assignee_id === meId;
      case 'unassigned':
        return isUnsolved(t) && t.assignee_id === null;
      case 'all_open':
        return t.status === 'new' || t.status === 'open';
      case 'pending':
        return t.status === 'pending';
      case 'on_hold':
        return t.status === 'hold';
      case 'solved':
        return !isUnsolved(t);
      default:
        return view.startsWith('channel:') && isUnsolved(t) && channelKindOf(t) === view.slice('channel:'.length);
    }
  });
}

export class DemoTruth {
  constructor(readonly baseUrl: string) {}

  private auth(): string {
    return `Basic ${Buffer.from(`${DEMO_AGENT_EMAIL}/token:${DEMO_TOKEN}`).toString('base64')}`;
  }

  async api<T>(path: string): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { Authorization: this.auth(), Accept: 'application/json' } });
    if (!response.ok) throw new Error(`demo ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async admin<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`demo admin ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  summary(): Promise<DatasetSummary> {
    return this.admin<DatasetSummary>('GET', '/__demo/dataset');
  }

  /**
   * Every ticket an agent should see, as the helpdesk serves it now (the incremental export from
   * the beginning): not deleted, and not the record the demo makes unreadable on purpose.
   */
  async tickets(): Promise<DemoTicket[]> {
    const unreadable = new Set((await this.admin<{ unreadableRecords: UnreadableRecord[] }>('GET', '/__demo/dataset')).unreadableRecords.filter((r) => r.kind === 'ticket').map((r) => r.id));
    const byId = new Map<number, DemoTicket>();
    let path = '/api/v2/incremental/tickets/cursor?start_time=0&per_page=1000';
    for (let page = 0; page < 1000; page++) {
      const body = await this.api<{ tickets: DemoTicket[]; after_cursor: string | null; end_of_stream: boolean }>(path);
      for (const t of body.tickets) byId.set(t.id, t);
      if (body.end_of_stream || !body.after_cursor) break;
      path = `/api/v2/incremental/tickets/cursor?cursor=${encodeURIComponent(body.after_cursor)}&per_page=1000`;
    }
    return [...byId.values()].filter((t) => (t.status as string) !== 'deleted' && !unreadable.has(t.id)).sort((a, b) => a.id - b.id);
  }

  async ticket(id: number): Promise<DemoTicket> {
    return (await this.api<{ ticket: DemoTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
  }

  /** A ticket's comments, oldest first, exactly as served. */
  async comments(ticketId: number): Promise<DemoComment[]> {
    const all: DemoComment[] = [];
    let path: string | null = `/api/v2/tickets/${ticketId}/comments.json?page[size]=100`;
    while (path) {
      const body: { comments: DemoComment[]; meta: { has_more: boolean; after_cursor: string | null } } = await this.api(path);
      all.push(...body.comments);
      path = body.meta.has_more && body.meta.after_cursor ? `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&page[after]=${encodeURIComponent(body.meta.after_cursor)}` : null;
    }
    return all;
  }

  async user(id: number): Promise<DemoUser> {
    return (await this.api<{ user: DemoUser }>(`/api/v2/users/${id}.json`)).user;
  }

  /** A customer's recent orders from the demo's CRM (newest first, at most five): what the customer pane looks up. */
  async orders(email: string): Promise<DemoOrder[]> {
    return (await this.api<{ orders: DemoOrder[] }>(`/crm/v1/orders.json?email=${encodeURIComponent(email)}`)).orders;
  }

  /** Every agent and admin, deleted and suspended ones included. */
  async agents(): Promise<DemoUser[]> {
    return (await this.api<{ users: DemoUser[] }>('/api/v2/users.json?role[]=agent&role[]=admin&per_page=100')).users;
  }

  async users(ids: readonly number[]): Promise<DemoUser[]> {
    const out: DemoUser[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      out.push(...(await this.api<{ users: DemoUser[] }>(`/api/v2/users/show_many.json?ids=${ids.slice(i, i + 100).join(',')}`)).users);
    }
    return out;
  }

  /** Forces `n` live changes now (new tickets, replies, assignments …). */
  async liveStep(n = 1): Promise<LiveChange[]> {
    return (await this.admin<{ changes: LiveChange[] }>('POST', `/__demo/live/step?n=${n}`, { n })).changes;
  }

  /** A customer writes in: exactly one new ticket now, and no other change. */
  async newTicket(): Promise<LiveChange> {
    const [change] = (await this.admin<{ changes: LiveChange[] }>('POST', '/__demo/live/step?n=1&kind=new-ticket', {})).changes;
    if (change?.kind !== 'new-ticket') throw new Error(`the demo made no new ticket: ${JSON.stringify(change)}`);
    return change;
  }

  /** Steps the live simulator until it creates a new ticket; returns that change. */
  async stepUntilNewTicket(maxSteps = 100): Promise<LiveChange> {
    for (let i = 0; i < maxSteps; i++) {
      const [change] = await this.liveStep(1);
      if (change?.kind === 'new-ticket') return change;
    }
    throw new Error(`no new ticket after ${maxSteps} live steps`);
  }

  addFault(spec: Record<string, unknown>): Promise<{ id: number }> {
    return this.admin('POST', '/__demo/faults', spec);
  }

  clearFaults(): Promise<unknown> {
    return this.admin('DELETE', '/__demo/faults');
  }
}

/** The first words of a text, whitespace-normalised: enough to recognise a message on screen. */
export function openingWords(text: string, words = 6): string {
  return text.replace(/\s+/g, ' ').trim().split(' ').slice(0, words).join(' ');
}
