import { CHANNEL_KINDS, type ChannelKind } from './channels';

// Inbox views: the fixed queues an agent switches between. Per-channel views list the unsolved
// work of that channel.

export const FIXED_VIEW_IDS = ['mine', 'unassigned', 'all_open', 'pending', 'on_hold', 'solved'] as const;
export type FixedViewId = (typeof FIXED_VIEW_IDS)[number];
export type ChannelViewId = `channel:${ChannelKind}`;
export type ViewId = FixedViewId | ChannelViewId;

export const ALL_VIEW_IDS: readonly ViewId[] = [
  ...FIXED_VIEW_IDS,
  ...CHANNEL_KINDS.map((kind) => `channel:${kind}` as const),
];

export function isViewId(value: string): value is ViewId {
  return (ALL_VIEW_IDS as readonly string[]).includes(value);
}

export const INBOX_SORTS = ['newest', 'oldest_waiting', 'priority', 'recently_updated', 'next_breach', 'smart'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
