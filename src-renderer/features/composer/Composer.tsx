import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '../../../src-shared/domain/channels';
import { networkStatusQuery } from '../../api';
import { sendKeysLabel } from '../../ui/keyboard';
import { SuggestedMacros, openMacroPalette } from '../macros';
import { CollisionWarning, noteTyping } from '../presence';
import { ComposerActions } from './ComposerActions';
import { DraftStatusText } from './DraftStatusText';
import { EditingBanner } from './EditingBanner';
import { MacroChip } from './MacroChip';
import { hasFields, registerComposerInput, useMacroNotice } from './macro-staging';
import { ModeToggle } from './ModeToggle';
import { SendGuardPanel } from './SendGuardPanel';
import { patchEntry, type ComposerMode } from './composer-store';
import { scheduleDraftSave } from './draft-autosave';
import { useComposerEntry } from './use-composer-entry';
import { useComposerSend } from './use-composer-send';
import './composer.css';

const MAX_BODY = 65_000;

interface Props {
  caseId: number;
  /** The case's account: whether its helpdesk (mail server) can be reached now. */
  accountId: number;
  customerName: string | null;
  channel: ChannelKind;
  closed: boolean;
}

/** Reply or internal note under the thread. Drafts save as the agent types; sending queues one action. */
export function Composer({ caseId, accountId, customerName, channel, closed }: Props) {
  const { t } = useTranslation();
  const textId = useId();
  const hintId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { entry, loadFailed } = useComposerEntry(caseId);
  const { send, applyFields, resolveStop, pending, error } = useComposerSend(caseId);
  const undoNotice = useMacroNotice((s) => s.notices[caseId] ?? null);
  const network = useQuery(networkStatusQuery()).data;

  const mode: ComposerMode = entry?.mode ?? 'reply';
  const editingId = entry?.editing?.actionId;
  // A message put back for editing gets the focus.
  useEffect(() => {
    if (editingId) textRef.current?.focus();
  }, [editingId]);
  // Macros insert at this text box's caret.
  useEffect(() => {
    registerComposerInput(caseId, textRef.current);
    return () => registerComposerInput(caseId, null);
  }, [caseId]);

  const change = (patch: { body?: string; mode?: ComposerMode }) => {
    patchEntry(caseId, patch);
    scheduleDraftSave(caseId);
    if (patch.body !== undefined) {
      noteTyping(caseId);
      if (undoNotice) useMacroNotice.setState((s) => ({ notices: { ...s.notices, [caseId]: null } }));
    }
  };
  const staged = entry?.macro ?? null;
  // A staged macro with fields and no text: the primary button applies the fields alone.
  const fieldsOnly = staged !== null && hasFields(staged.fields) && (entry?.body.trim() ?? '') === '';
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      if (fieldsOnly) applyFields();
      else send('send');
      return;
    }
    // `;` at the start or after a space opens the macro palette (the `;` is not typed).
    if (event.key === ';' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.nativeEvent.isComposing) {
      const element = event.currentTarget;
      const before = element.value.slice(0, element.selectionStart);
      if (before === '' || /\s$/.test(before)) {
        event.preventDefault();
        openMacroPalette({ kind: 'case', caseId, fromSemicolon: true });
      }
    }
  };

  const stop = entry?.stop ?? null;
  // While the guard shows what arrived, only its own choices send.
  const canSend = entry !== undefined && entry.body.trim() !== '' && !pending && stop === null;
  const chooseAfterStop = (choice: 'sendAnyway' | 'edit' | 'discard') => {
    resolveStop(choice);
    if (choice === 'edit') textRef.current?.focus();
  };
  let hint: string | null = null;
  // Only this case's account matters: another account's helpdesk being down does not hold this reply.
  if (network && (network.forcedOffline || network.unreachable.includes(accountId))) hint = t('composer.offlineHint');
  else if (closed) hint = t('composer.closedHint');

  return (
    <section className={`composer${mode === 'note' ? ' is-note' : ''}`} role="region" aria-label={t('composer.label')}>
      <CollisionWarning caseId={caseId} />
      {entry?.editing ? <EditingBanner caseId={caseId} editing={entry.editing} /> : null}
      {stop ? <SendGuardPanel stop={stop} busy={pending} onChoose={chooseAfterStop} /> : null}
      {!closed && !entry?.editing ? <SuggestedMacros caseId={caseId} /> : null}
      <div className="composer-top">
        <ModeToggle mode={mode} disabled={entry === undefined} onChange={(next) => change({ mode: next })} />
        <span className="composer-audience">
          {mode === 'note' ? t('composer.noteAudience') : customerName ? t('composer.replyAudience', { name: customerName, channel: t(`channel.${channel}`) }) : t('composer.replyAudienceNoName', { channel: t(`channel.${channel}`) })}
        </span>
        <DraftStatusText entry={entry} loadFailed={loadFailed} />
      </div>
      {staged ? <MacroChip caseId={caseId} macro={staged} hasText={!fieldsOnly} /> : null}
      {undoNotice === 'textKept' ? (
        <p className="composer-note" role="status" data-testid="macro-undo-notice">
          {t('macroApply.textKept')}
        </p>
      ) : null}
      <label htmlFor={textId} className="visually-hidden">
        {t('composer.message')}
      </label>
      <textarea
        id={textId}
        ref={textRef}
        className="composer-text"
        value={entry?.body ?? ''}
        placeholder={
          entry === undefined
            ? t('composer.draftLoading')
            : `${mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')} ${t('composer.sendHint', { keys: sendKeysLabel() })}`
        }
        disabled={entry === undefined}
        readOnly={pending}
        maxLength={MAX_BODY}
        rows={3}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => change({ body: event.target.value })}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p className="composer-note is-error" role="alert">
          {t('composer.sendFailed', { message: error.message })}
        </p>
      ) : hint ? (
        <p id={hintId} className="composer-note">
          {hint}
        </p>
      ) : null}
      <ComposerActions canSend={canSend} onSend={send} applyChanges={fieldsOnly ? { enabled: !pending && stop === null, run: () => applyFields() } : null} />
    </section>
  );
}
