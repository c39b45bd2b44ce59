import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { useCaseAct, useCaseSend, useOutboxEdit } from '../../api';
import { noteSendDone, noteSending } from '../presence';
import { clearSent, endEditing } from './composer-editing';
import { getEntry, patchEntry } from './composer-store';
import { cancelDraftSave, saveDraftNow } from './draft-autosave';
import { clearSentMacro, hasFields, mergeIntent } from './macro-staging';

export type SendVariant = 'send' | 'pending' | 'solve';

const EXTRA: Record<SendVariant, Pick<CaseIntent, 'status'>> = { send: {}, pending: { status: 'pending' }, solve: { status: 'solved' } };

/**
 * Sending queues ONE action: the comment and, for "and set pending" / "and solve", the status.
 * Core's send-time guard may stop it instead (something arrived since the draft began): the
 * composer then shows what arrived, with "send anyway", "edit" and "discard" (`resolveStop`).
 * An edited conflicting message replaces its action instead (outbox:edit).
 * A staged macro's field changes go in the same intent; the variant's status overrides its status.
 * With fields staged and no text, `applyFields` queues them alone (cases:act).
 */
export function useComposerSend(caseId: number) {
  const act = useCaseSend();
  const edit = useOutboxEdit();
  const fieldsAct = useCaseAct();
  const pending = act.isPending || edit.isPending || fieldsAct.isPending;

  const send = (variant: SendVariant) => {
    const entry = getEntry(caseId);
    if (!entry || pending || entry.stop) return;
    const body = entry.body.trim();
    if (body === '') return;
    const comment = { body, public: entry.mode === 'reply' };
    const macro = entry.macro;
    act.reset();
    edit.reset();
    fieldsAct.reset();
    // A draft save landing after the send would bring the sent text back as a draft.
    cancelDraftSave(caseId);
    // The others see me sending until it is queued.
    noteSending(caseId);
    const done = () => noteSendDone(caseId);
    // Promise callbacks (not mutate's): they run even if the agent has moved to another case.
    if (entry.editing) {
      const { comment: _previous, ...fields } = entry.editing.intent;
      edit
        .mutateAsync({ id: entry.editing.actionId, intent: { ...fields, ...mergeIntent(comment, macro, EXTRA[variant]) } })
        .then(() => {
          clearSentMacro(caseId, macro);
          endEditing(caseId);
        })
        .catch(() => undefined)
        .finally(done);
    } else {
      const sentBody = entry.body;
      const sentMode = entry.mode;
      act
        .mutateAsync({ caseId, intent: mergeIntent(comment, macro, EXTRA[variant]) })
        .then(({ stopped }) => {
          if (!stopped) {
            clearSentMacro(caseId, macro);
            return clearSent(caseId, sentBody);
          }
          // Core kept the message as the draft: it is saved as sent.
          patchEntry(caseId, { stop: { news: stopped.news, since: stopped.since, variant }, savedBody: comment.body, savedMode: sentMode, saveError: null });
        })
        .catch(() => undefined)
        .finally(done);
    }
  };

  /** "Apply changes": a staged macro with no text queues its fields alone (one action). */
  const applyFields = (variant: SendVariant = 'send') => {
    const entry = getEntry(caseId);
    const macro = entry?.macro ?? null;
    if (!entry || !macro || pending || entry.stop || entry.body.trim() !== '' || !hasFields(macro.fields)) return;
    act.reset();
    edit.reset();
    fieldsAct.reset();
    fieldsAct
      .mutateAsync({ caseIds: [caseId], intent: mergeIntent(undefined, macro, EXTRA[variant]) })
      .then(() => clearSentMacro(caseId, macro))
      .catch(() => undefined);
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

  return { send, applyFields, resolveStop, pending, error: act.error ?? edit.error ?? fieldsAct.error };
}
