// The subset of Zendesk's ticket search syntax the demo understands. Terms separated by spaces
// must all match. Supported: type:ticket, status (with : < > <= >=, ordered
// new<open<pending<hold<solved<closed), priority (low<normal<high<urgent), assignee:me|none|ID|email,
// requester:ID|email, group:ID|none|"name", organization:ID|none, tags:x (also tag:x),
// via:channel, created/updated with a date (created>2026-10-01), a leading "-" to negate,
// and free words matched against subject and description.
import { STATUS_ORDER, type DemoDataset, type DemoTicket } from '../dataset/types';
import { viaTypeOf } from '../dataset/via-ids';

export class SearchQueryError extends Error {}

export type TicketPredicate = (ticket: DemoTicket) => boolean;

export interface SearchContext {
  /** The searching agent, for assignee:me. */
  meId: number;
  dataset: DemoDataset;
}

const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'];
type Operator = ':' | '<' | '>' | '<=' | '>=';

/** Splits on spaces but keeps "quoted phrases" together. */
export function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const pattern = /(-?[\w.]+(?::|<=|>=|<|>)"[^"]*")|("[^"]*")|(\S+)/g;
  for (const match of query.matchAll(pattern)) tokens.push(match[0]);
  return tokens;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

function compare(order: readonly string[], actual: string | null, operator: Operator, wanted: string): boolean {
  if (actual === null) return operator === ':' && (wanted === 'none' || wanted === '');
  const a = order.indexOf(actual);
  const b = order.indexOf(wanted);
  if (b < 0) throw new SearchQueryError(`unknown value "${wanted}"`);
  switch (operator) {
    case ':':
      return a === b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

function compareTimes(actualIso: string, operator: Operator, wanted: string): boolean {
  const target = Date.parse(wanted.length === 10 ? `${wanted}T00:00:00Z` : wanted);
  if (Number.isNaN(target)) throw new SearchQueryError(`invalid date "${wanted}"`);
  const actual = Date.parse(actualIso);
  const day = 86_400_000;
  switch (operator) {
    case ':':
      return wanted.length === 10 ? actual >= target && actual < target + day : actual === target;
    case '<':
      return actual < target;
    case '>':
      return wanted.length === 10 ? actual >= target + day : actual > target;
    case '<=':
      return wanted.length === 10 ? actual < target + day : actual <= target;
    case '>=':
      return actual >= target;
  }
}

function userRef(value: string, ctx: SearchContext): number | null | 'none' {
  if (value === 'none') return 'none';
  if (value === 'me') return ctx.meId;
  if (/^\d+$/.test(value)) return Number(value);
  const user = ctx.dataset.userByEmail(value);
  return user ? user.id : -1;
}

function idOrNone(value: string, field: string, ctx: SearchContext): TicketPredicate {
  const key = field as 'assignee_id' | 'requester_id';
  const ref = userRef(value, ctx);
  if (ref === 'none') return (t) => t[key] === null;
  return (t) => t[key] === ref;
}

function term(key: string, operator: Operator, rawValue: string, ctx: SearchContext): TicketPredicate {
  const value = unquote(rawValue);
  const lower = value.toLowerCase();
  const equalityOnly = (): void => {
    if (operator !== ':') throw new SearchQueryError(`${key} supports only ":"`);
  };
  switch (key) {
    case 'type':
      equalityOnly();
      if (lower === 'ticket') return () => true;
      if (['problem', 'incident', 'question', 'task'].includes(lower)) return (t) => t.type === lower;
      throw new SearchQueryError(`type:${value} is not supported (tickets only)`);
    case 'ticket_type':
      equalityOnly();
      return (t) => t.type === lower;
    case 'status':
      if (!STATUS_ORDER.includes(lower as DemoTicket['status'])) throw new SearchQueryError(`unknown status "${value}"`);
      return (t) => compare(STATUS_ORDER, t.status, operator, lower);
    case 'priority':
      if (lower === 'none') return (t) => t.priority === null;
      return (t) => compare(PRIORITY_ORDER, t.priority, operator, lower);
    case 'assignee':
      equalityOnly();
      return idOrNone(lower, 'assignee_id', ctx);
    case 'requester':
      equalityOnly();
      return idOrNone(lower, 'requester_id', ctx);
    case 'group': {
      equalityOnly();
      if (lower === 'none') return (t) => t.group_id === null;
      if (/^\d+$/.test(value)) return (t) => t.group_id === Number(value);
      const group = ctx.dataset.groups().find((g) => g.name.toLowerCase() === lower);
      const id = group ? group.id : -1;
      return (t) => t.group_id === id;
    }
    case 'organization':
      equalityOnly();
      if (lower === 'none') return (t) => t.organization_id === null;
      return (t) => t.organization_id === Number(value);
    case 'tags':
    case 'tag':
      equalityOnly();
      return (t) => t.tags.includes(lower);
    case 'via':
    case 'channel':
      equalityOnly();
      // The via type, whether the ticket sends it or its via id.
      return (t) => viaTypeOf(t.via.channel) === lower;
    case 'created':
      return (t) => compareTimes(t.created_at, operator, value);
    case 'updated':
      return (t) => compareTimes(t.updated_at, operator, value);
    default:
      throw new SearchQueryError(`unsupported search term "${key}"`);
  }
}

export function compileTicketQuery(query: string, ctx: SearchContext): TicketPredicate {
  const predicates: TicketPredicate[] = [];
  for (const token of tokenize(query)) {
    const match = /^(-?)([\w.]+)(:|<=|>=|<|>)(.*)$/.exec(token);
    let predicate: TicketPredicate;
    let negate = false;
    if (match && match[4] !== '') {
      negate = match[1] === '-';
      predicate = term((match[2] as string).toLowerCase(), match[3] as Operator, match[4] as string, ctx);
    } else {
      negate = token.startsWith('-') && token.length > 1;
      const word = unquote(negate ? token.slice(1) : token).toLowerCase();
      predicate = (t) => t.subject.toLowerCase().includes(word) || t.description.toLowerCase().includes(word);
    }
    predicates.push(negate ? (t) => !predicate(t) : predicate);
  }
  return (ticket) => predicates.every((p) => p(ticket));
}
