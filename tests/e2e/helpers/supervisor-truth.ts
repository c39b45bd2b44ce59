import type { DemoComment, DemoGroup, DemoTicket } from '../../../src-main/demo/index';
import { channelKindOf, isUnsolved } from './demo-truth';

// The supervisor panel's figures counted straight from the demo helpdesk's data (tickets,
// comments, agents, groups), independently of core: the definitions of docs/supervisor.md.

export interface ExpectedQueue {
  open: number;
  unassigned: number;
  oldestWaitingSince: number | null;
  repliesToday: number;
  medianFirstReplyMs: number | null;
  firstRepliesToday: number;
  csatGood: number;
  csatBad: number;
}

export interface ExpectedPanel {
  totals: ExpectedQueue;
  /** By group NAME ("" for no group). */
  groups: Map<string, ExpectedQueue>;
  channels: Map<string, ExpectedQueue>;
  /** Agent e-mail → open assigned and replies today. */
  agents: Map<string, { openAssigned: number; repliesToday: number }>;
  /** Channel → new cases per hour, 24 buckets ending with the current hour. */
  volume: Map<string, number[]>;
}

const HOUR = 3_600_000;

export function localMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const empty = (): ExpectedQueue & { firstReplies: number[] } => ({ open: 0, unassigned: 0, oldestWaitingSince: null, repliesToday: 0, medianFirstReplyMs: null, firstRepliesToday: 0, csatGood: 0, csatBad: 0, firstReplies: [] });

export function expectedPanel(input: {
  tickets: readonly DemoTicket[];
  commentsFor: (ticketId: number) => readonly DemoComment[];
  agents: readonly { id: number; email: string }[];
  groups: readonly Pick<DemoGroup, 'id' | 'name'>[];
  now: number;
}): ExpectedPanel {
  const today = localMidnight(input.now);
  const agentEmail = new Map(input.agents.map((a) => [a.id, a.email]));
  const groupName = new Map(input.groups.map((g) => [g.id, g.name]));
  const totals = empty();
  const groups = new Map<string, ReturnType<typeof empty>>();
  const channels = new Map<string, ReturnType<typeof empty>>();
  const agents = new Map<string, { openAssigned: number; repliesToday: number }>();
  const volume = new Map<string, number[]>();
  const volumeStart = Math.floor(input.now / HOUR) * HOUR - 23 * HOUR;
  const agentOf = (email: string) => {
    let a = agents.get(email);
    if (!a) agents.set(email, (a = { openAssigned: 0, repliesToday: 0 }));
    return a;
  };
  for (const g of input.groups) groups.set(g.name, empty());

  for (const t of input.tickets) {
    const name = t.group_id === null ? '' : (groupName.get(t.group_id) ?? '');
    if (!groups.has(name)) groups.set(name, empty());
    const channel = channelKindOf(t);
    if (!channels.has(channel)) channels.set(channel, empty());
    const accs = [totals, groups.get(name)!, channels.get(channel)!];
    const comments = input.commentsFor(t.id);
    const isAgent = (c: DemoComment) => agentEmail.has(c.author_id);
    const created = Date.parse(t.created_at);

    if (isUnsolved(t)) {
      // waiting since: the first customer comment after the last public agent comment
      let lastReply = 0;
      for (const c of comments) if (isAgent(c) && c.public) lastReply = Math.max(lastReply, Date.parse(c.created_at));
      let waiting: number | null = null;
      for (const c of comments) {
        const at = Date.parse(c.created_at);
        if (!isAgent(c) && at > lastReply) waiting = waiting === null ? at : Math.min(waiting, at);
      }
      for (const acc of accs) {
        acc.open += 1;
        if (t.assignee_id === null) acc.unassigned += 1;
        if (waiting !== null) acc.oldestWaitingSince = acc.oldestWaitingSince === null ? waiting : Math.min(acc.oldestWaitingSince, waiting);
      }
      if (t.assignee_id !== null && agentEmail.has(t.assignee_id)) agentOf(agentEmail.get(t.assignee_id)!).openAssigned += 1;
    }

    for (const c of comments) {
      if (!isAgent(c) || !c.public || Date.parse(c.created_at) < today) continue;
      for (const acc of accs) acc.repliesToday += 1;
      agentOf(agentEmail.get(c.author_id)!).repliesToday += 1;
    }

    if (created >= today) {
      const first = comments.filter((c) => isAgent(c) && c.public).map((c) => Date.parse(c.created_at));
      if (first.length > 0) for (const acc of accs) acc.firstReplies.push(Math.max(0, Math.min(...first) - created));
    }

    if (t.satisfaction_rating && Date.parse(t.updated_at) >= today) {
      for (const acc of accs) {
        if (t.satisfaction_rating.score === 'good') acc.csatGood += 1;
        if (t.satisfaction_rating.score === 'bad') acc.csatBad += 1;
      }
    }

    const bucket = Math.floor((created - volumeStart) / HOUR);
    if (bucket >= 0 && bucket < 24) {
      let row = volume.get(channel);
      if (!row) volume.set(channel, (row = new Array<number>(24).fill(0)));
      row[bucket]! += 1;
    }
  }
  const finish = (acc: ReturnType<typeof empty>): ExpectedQueue => {
    const { firstReplies, ...rest } = acc;
    return { ...rest, medianFirstReplyMs: median(firstReplies), firstRepliesToday: firstReplies.length };
  };
  for (const [k, v] of channels) if (v.open === 0 && v.repliesToday === 0 && v.firstReplies.length === 0 && v.csatGood + v.csatBad === 0) channels.delete(k);
  return {
    totals: finish(totals),
    groups: new Map([...groups].map(([k, v]) => [k, finish(v)])),
    channels: new Map([...channels].map(([k, v]) => [k, finish(v)])),
    agents,
    volume,
  };
}
