import { useQuery } from '@tanstack/react-query';
import { Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { macroSuggestionsQuery, macrosQuery } from '../../api';
import { openMacroPalette } from './palette-store';

/**
 * The three macros that fit the open case best, above the composer. A click opens the palette with
 * that macro highlighted: its preview shows what will happen, Enter applies it.
 */
export function SuggestedMacros({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const suggestions = useQuery(macroSuggestionsQuery(caseId)).data ?? [];
  const macros = useQuery(macrosQuery()).data ?? [];
  const shown = suggestions.map((s) => macros.find((m) => m.id === s.macroId)).filter((m) => m !== undefined).slice(0, 3);
  if (shown.length === 0) return null;
  return (
    <nav className="macro-suggestions" aria-label={t('macroApply.suggestedLabel')} data-testid="macro-suggestions">
      <Sparkles size={12} aria-hidden="true" className="macro-suggestions-icon" />
      <span className="macro-suggestions-prefix">{t('macroApply.suggestedPrefix')}</span>
      {shown.map((macro) => (
        <button key={macro.id} type="button" className="macro-suggestion" data-macro-id={macro.id} title={macro.title} onClick={() => openMacroPalette({ kind: 'case', caseId }, macro.id)}>
          {macro.title}
        </button>
      ))}
    </nav>
  );
}
