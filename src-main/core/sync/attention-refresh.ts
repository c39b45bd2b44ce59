import type { PullPage, RemoteCase } from '../connectors/connector';
import type { AccountCache } from '../db/repos/account-cache';
import type { RequestPriority } from '../net/http-client';
import { PermanentRemoteError } from '../net/errors';

/**
 * A connector that can bring many cases at once and a case's newest comments: what keeps the cases
 * in front of the agent fresh between export polls (docs/zendesk-conformance.md "Freshness").
 */
export interface AttentionConnector {
  fetchCases(caseRemoteIds: readonly string[], signal?: AbortSignal): Promise<{ page: PullPage; missing: string[] }>;
  fetchThread(caseRemoteId: string, signal?: AbortSignal, need?: RequestPriority, newestOnly?: boolean): Promise<PullPage>;
  fetchCase(caseRemoteId: string, signal?: AbortSignal): Promise<RemoteCase | null>;
}

export function isAttentionConnector(connector: object): connector is AttentionConnector {
  return typeof (connector as Partial<AttentionConnector>).fetchCases === 'function' && typeof (connector as Partial<AttentionConnector>).fetchCase === 'function';
}

export interface AttentionResult {
  /** Cases asked about. */
  asked: number;
  /** Cases whose helpdesk version differed from the cache. */
  changed: number;
  /** Threads fetched (the newest comments, or the whole thread when the cache has none). */
  threads: number;
  /** Cases found deleted on the helpdesk. */
  deleted: number;
}

/**
 * One refresh of the cases an agent is looking at (the open case, cases with drafts or queued
 * actions, the agent's own open cases): their fields in one `show_many` request; for each that
 * changed since the cache's version, its newest comments; everything stored as one page. A thread
 * that could not be fetched leaves its case out of the page, so the next refresh tries again.
 */
export async function refreshAttention(
  caseIds: readonly number[],
  deps: { cache: AccountCache; connector: AttentionConnector; apply: (page: PullPage) => void; signal: AbortSignal },
): Promise<AttentionResult> {
  const known = deps.cache.caseVersions(caseIds.slice(0, 100));
  if (known.length === 0) return { asked: 0, changed: 0, threads: 0, deleted: 0 };
  const byRemote = new Map(known.map((k) => [k.remoteId, k]));
  const { page, missing } = await deps.connector.fetchCases(
    known.map((k) => k.remoteId),
    deps.signal,
  );
  const changed = (page.cases ?? []).filter((c) => {
    const cached = byRemote.get(c.remoteId);
    return cached !== undefined && (cached.version !== c.version || !cached.threadComplete);
  });
  const stored: PullPage = { ...page, cases: (page.cases ?? []).filter((c) => !changed.includes(c)), messages: [], completeThreads: [] };
  let threads = 0;
  await Promise.all(
    changed.map(async (c) => {
      const cached = byRemote.get(c.remoteId)!;
      try {
        const thread = await deps.connector.fetchThread(c.remoteId, deps.signal, 'attention', cached.threadComplete);
        stored.cases!.push(c);
        stored.messages!.push(...(thread.messages ?? []));
        stored.completeThreads!.push(...(thread.completeThreads ?? []));
        if (thread.recordIssues) stored.recordIssues = [...(stored.recordIssues ?? []), ...thread.recordIssues];
        threads++;
      } catch (error) {
        if (deps.signal.aborted) throw error;
        // Left out: the next refresh sees the same difference and tries again.
      }
    }),
  );
  // Left out of show_many: deleted (404 when asked alone), or not visible to this agent (kept).
  const deleted: { remoteId: string; generatedTs: number }[] = [];
  for (const remoteId of missing) {
    try {
      await deps.connector.fetchCase(remoteId, deps.signal);
    } catch (error) {
      if (error instanceof PermanentRemoteError && error.status === 404) deleted.push({ remoteId, generatedTs: Math.floor(Date.now() / 1000) });
    }
  }
  if (deleted.length > 0) stored.deletedCases = [...(stored.deletedCases ?? []), ...deleted];
  deps.apply(stored);
  return { asked: known.length, changed: changed.length, threads, deleted: (page.deletedCases?.length ?? 0) + deleted.length };
}
