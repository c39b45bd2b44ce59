import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { draftQuery } from '../../api';
import { loadEntry, useComposer, type ComposerEntry } from './composer-store';
import { flushDraftSaves, saveDraftNow } from './draft-autosave';

/**
 * The composer of a case: its saved draft is loaded once (drafts:get); from then on the
 * session's copy is the truth. Whatever is unsaved goes to core when the agent leaves the case.
 */
export function useComposerEntry(caseId: number): { entry: ComposerEntry | undefined; loadFailed: boolean } {
  const entry = useComposer((s) => s.entries[caseId]);
  const draft = useQuery({ ...draftQuery(caseId), enabled: entry === undefined });

  useEffect(() => {
    if (entry !== undefined) return;
    if (draft.isSuccess) loadEntry(caseId, draft.data);
    // Typing must stay possible when the draft cannot be read.
    else if (draft.isError) loadEntry(caseId, null);
  }, [caseId, entry, draft.isSuccess, draft.isError, draft.data]);

  useEffect(() => () => void saveDraftNow(caseId), [caseId]);

  useEffect(() => {
    window.addEventListener('pagehide', flushDraftSaves);
    window.addEventListener('beforeunload', flushDraftSaves);
    return () => {
      window.removeEventListener('pagehide', flushDraftSaves);
      window.removeEventListener('beforeunload', flushDraftSaves);
    };
  }, []);

  return { entry, loadFailed: draft.isError };
}
