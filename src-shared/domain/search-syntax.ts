import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus } from './case-fields';
import { CHANNEL_KINDS, type ChannelKind } from './channels';

// The search box language: free words plus operators, e.g.
//   refund status:open channel:twitter from:"Kim Minji" tag:vip priority:high assignee:me
// Unknown operators are kept as words so nothing the agent typed is silently dropped.

export interface ParsedSearch {
  words: string[];
  status: CaseStatus[];
  channel: ChannelKind[];
  priority: CasePriority[];
  tags: string[];
  from: string[];
  assignee: string[];
  errors: string[];
}

const TOKEN = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/gu;

export function parseSearch(input: string): ParsedSearch {
  const result: ParsedSearch = { words: [], status: [], channel: [], priority: [], tags: [], from: [], assignee: [], errors: [] };
  for (const match of input.matchAll(TOKEN)) {
    const key = (match[1] ?? match[3])?.toLowerCase();
    const value = match[2] ?? match[4];
    if (key !== undefined && value !== undefined) {
      if (!applyOperator(result, key, value)) result.words.push(`${key}:${value}`);
      continue;
    }
    const word = match[5] ?? match[6];
    if (word !== undefined && word.trim() !== '') result.words.push(word);
  }
  return result;
}

function applyOperator(result: ParsedSearch, key: string, rawValue: string): boolean {
  const values = rawValue.split(',').filter((v) => v !== '');
  switch (key) {
    case 'status':
      for (const v of values) {
        const status = v.toLowerCase() === 'on_hold' ? 'hold' : v.toLowerCase();
        if ((CASE_STATUSES as readonly string[]).includes(status)) result.status.push(status as CaseStatus);
        else result.errors.push(`Unknown status "${v}"`);
      }
      return true;
    case 'channel':
    case 'via':
      for (const v of values) {
        const channel = v.toLowerCase();
        if ((CHANNEL_KINDS as readonly string[]).includes(channel)) result.channel.push(channel as ChannelKind);
        else result.errors.push(`Unknown channel "${v}"`);
      }
      return true;
    case 'priority':
      for (const v of values) {
        const priority = v.toLowerCase();
        if ((CASE_PRIORITIES as readonly string[]).includes(priority)) result.priority.push(priority as CasePriority);
        else result.errors.push(`Unknown priority "${v}"`);
      }
      return true;
    case 'tag':
    case 'tags':
      result.tags.push(...values.map((v) => v.toLowerCase()));
      return true;
    case 'from':
    case 'requester':
      result.from.push(rawValue);
      return true;
    case 'assignee':
      result.assignee.push(rawValue.toLowerCase());
      return true;
    default:
      return false;
  }
}
