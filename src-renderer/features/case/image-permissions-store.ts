import { create } from 'zustand';

// Senders whose remote images the agent chose to load. Deliberately not persisted: the choice
// lasts for this session, so a tracking pixel cannot ride on a decision made weeks ago.

interface ImagePermissions {
  allowedSenders: ReadonlySet<string>;
}

export const useImagePermissions = create<ImagePermissions>(() => ({ allowedSenders: new Set() }));

export function allowImagesFrom(sender: string): void {
  useImagePermissions.setState((state) => ({ allowedSenders: new Set(state.allowedSenders).add(sender) }));
}
