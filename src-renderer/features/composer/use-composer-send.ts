import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { useCaseSend, useOutboxEdit } from '../../api';
import { noteSendDone, noteSending } from '../presence';
import { clearSent, endEditing } from './composer-editing';
import { getEntry, patchEntry } from './composer-store';
import { cancelDraftSave, saveDraftNow } from './draft-autosave';

export type SendVariant = 'send' | 'pending' | 'solve';

const EXTRA: Record<SendVariant, Pick<CaseIntent, 'status'>> = { send: {}, pending: { status: 'pending' }, solve: { status: 'solved' } };

/**
 * Sending queues ONE action: the comment and, for "and set pending" / "and solve", the status.
 * Core's send-time guard may stop it instead (something arrived since the draft began): the
 * composer then shows what arrived, with "send anyway", "edit" and "discard" (`resolveStop`).
 * An edited conflicting message replaces its action instead (outbox:edit).
 */
export function useComposerSend(caseId: number) {
  const act = useCaseSend();
  const edit = useOutboxEdit();
  const pending = act.isPending || edit.isPending;

  const send = (variant: SendVariant) => {
    const entry = getEntry(caseId);
    if (!entry || pending || entry.stop) return;
    const body = entry.body.trim();
    if (body === '') return;
    const comment = { body, public: entry.mode === 'reply' };
    act.reset();
    edit.reset();
    // A draft save landing after the send would bring the sent text back as a draft.
    cancelDraftSave(caseId);
    // The others see me sending until it is queued.
    noteSending(caseId);
    const done = () => noteSendDone(caseId);
    // Promise callbacks (not mutate's): they run even if the agent has moved to another case.
    if (entry.editing) {
      const { comment: _previous, ...fields } = entry.editing.intent;
      edit
        .mutateAsync({ id: entry.editing.actionId, intent: { ...fields, ...EXTRA[variant], comment } })
        .then(() => endEditing(caseId))
        .catch(() => undefined)
        .finally(done);
    } else {
      const sentBody = entry.body;
      const sentMode = entry.mode;
      act
        .mutateAsync({ caseId, intent: { comment, ...EXTRA[variant] } })
        .then(({ stopped }) => {
          if (!stopped) return clearSent(caseId, sentBody);
          // Core kept the message as the draft: it is saved as sent.
          patchEntry(caseId, { stop: { news: stopped.news, since: stopped.since, variant }, savedBody: comment.body, savedMode: sentMode, saveError: null });
        })
        .catch(() => undefined)
        .finally(done);
    }
  };

  /** The agent's answer to a stopped send. */
  const resolveStop = (choice: 'sendAnyway' | 'edit' | 'discard') => {
    const stop = getEntry(caseId)?.stop;
    if (!stop) return;
    patchEntry(caseId, { stop: null });
    if (choice === 'sendAnyway') send(stop.variant);
    else if (choice === 'discard') {
      patchEntry(caseId, { body: '' });
      void saveDraftNow(caseId);
    }
  };

  return { send, resolveStop, pending, error: act.error ?? edit.error };
}
