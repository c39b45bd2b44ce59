import type { QueryClient } from '@tanstack/react-query';
import type { DirectoryView } from '../../../src-shared/contract/api';
import type { MacroView } from '../../../src-shared/contract/macros';
import type { CaseDetail } from '../../../src-shared/contract/models';
import { renderTemplate } from '../../../src-shared/domain/macro-template';
import { api, caseDetailQuery, directoryQuery, macroContextQuery } from '../../api';
import { ensureComposerEntry, stageMacro } from '../composer';
import { resolveFields } from './macro-diff';

/**
 * Applies a macro to the open case: renders its text for the case and stages text and fields in
 * the case's composer (nothing is sent yet). 'ask': the composer holds a draft of the other kind;
 * call again with the agent's choice.
 */
export async function applyMacroToCase(client: QueryClient, macro: MacroView, caseId: number, choice?: 'keep' | 'switch'): Promise<'staged' | 'ask'> {
  const [context, detail, directory] = await Promise.all([
    client.fetchQuery(macroContextQuery(caseId)),
    client.fetchQuery(caseDetailQuery(caseId)) as Promise<CaseDetail | null>,
    client.fetchQuery(directoryQuery()) as Promise<DirectoryView>,
  ]);
  await ensureComposerEntry(caseId);
  const text = macro.body.trim() === '' ? '' : renderTemplate(macro.body, context.values).text;
  const result = stageMacro(caseId, {
    macroId: macro.id,
    title: macro.title,
    fields: resolveFields(macro.actions, detail, directory),
    text,
    textMode: macro.bodyPublic ? 'reply' : 'note',
    choice,
  });
  // Usage counts once per apply (best effort: a count never blocks the agent).
  if (result === 'staged') api.call('macros:used', { id: macro.id }).catch(() => undefined);
  return result;
}
