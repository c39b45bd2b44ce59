import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { useCaseAct, useOutboxEdit } from '../../api';
import { noteSendDone, noteSending } from '../presence';
import { clearSent, endEditing } from './composer-editing';
import { getEntry } from './composer-store';
import { cancelDraftSave } from './draft-autosave';

export type SendVariant = 'send' | 'pending' | 'solve';

const EXTRA: Record<SendVariant, Pick<CaseIntent, 'status'>> = { send: {}, pending: { status: 'pending' }, solve: { status: 'solved' } };

/**
 * Sending queues ONE action: the comment and, for "and set pending" / "and solve", the status.
 * An edited conflicting message replaces its action instead (outbox:edit).
 */
export function useComposerSend(caseId: number) {
  const act = useCaseAct();
  const edit = useOutboxEdit();
  const pending = act.isPending || edit.isPending;

  const send = (variant: SendVariant) => {
    const entry = getEntry(caseId);
    if (!entry || pending) return;
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
      act
        .mutateAsync({ caseIds: [caseId], intent: { comment, ...EXTRA[variant] } })
        .then(() => clearSent(caseId, sentBody))
        .catch(() => undefined)
        .finally(done);
    }
  };

  return { send, pending, error: act.error ?? edit.error };
}
