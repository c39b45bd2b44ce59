import { describe, expect, it } from 'vitest';
import type { AccountView, NetworkStatusView } from '../../../src-shared/contract/models';
import { networkState, unreachableAccounts } from '../../../src-renderer/features/outbox/network-state';

// The status bar's network state is per account: one helpdesk down is not "Offline" while another syncs.

function status(patch: Partial<NetworkStatusView>): NetworkStatusView {
  return { online: true, forcedOffline: false, unreachable: [], outbox: { queued: 0, sending: 0, failed: 0, conflict: 0 }, ...patch };
}

function account(id: number, name: string): AccountView {
  return { id, kind: 'zendesk', name, baseUrl: `http://127.0.0.1:${4000 + id}`, email: 'me@example.test', status: 'ok', lastError: null, lastSyncedAt: null, mail: null, missingSecrets: [] };
}

describe('networkState', () => {
  it('is online while every account can be reached', () => {
    expect(networkState(status({}), [1, 2])).toBe('online');
  });

  it('is partly offline, not offline, while one account is down and another is not', () => {
    expect(networkState(status({ online: false, unreachable: [2] }), [1, 2])).toBe('partlyOffline');
  });

  it('is offline when every account is down, or the only one', () => {
    expect(networkState(status({ online: false, unreachable: [1, 2] }), [1, 2])).toBe('offline');
    expect(networkState(status({ online: false, unreachable: [1] }), [1])).toBe('offline');
    // Accounts not known yet: any unreachable account reads as offline.
    expect(networkState(status({ online: false, unreachable: [1] }))).toBe('offline');
  });

  it('says "working offline" when the agent chose it, whatever can be reached', () => {
    expect(networkState(status({ online: false, forcedOffline: true, unreachable: [2] }), [1, 2])).toBe('workingOffline');
  });
});

describe('unreachableAccounts', () => {
  it('names the accounts that are down, in account order', () => {
    const accounts = [account(1, 'Demo helpdesk'), account(2, 'EU helpdesk'), account(3, 'Mailbox')];
    expect(unreachableAccounts(status({ online: false, unreachable: [3, 2] }), accounts).map((a) => a.name)).toEqual(['EU helpdesk', 'Mailbox']);
    expect(unreachableAccounts(status({}), accounts)).toEqual([]);
  });
});
