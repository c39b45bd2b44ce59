import Fuse from 'fuse.js';
import type { MacroSuggestion, MacroView } from '../../../src-shared/contract/macros';

// The palette's list: with no query, the case's suggested macros first (best first), then the
// most used; with a query, a fuzzy match over title and text (fuse.js), best first.

/** Most used first, then most recently used, then by title. */
export function byUsage(a: MacroView, b: MacroView): number {
  return b.usageCount - a.usageCount || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || a.title.localeCompare(b.title);
}

export interface RankedMacro {
  macro: MacroView;
  suggested: boolean;
}

export function createMacroIndex(macros: readonly MacroView[]): Fuse<MacroView> {
  return new Fuse([...macros], {
    keys: [
      { name: 'title', weight: 2 },
      { name: 'body', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
    // A typo or a skipped letter still finds "refund" ("rfnd"); single letters are noise.
    minMatchCharLength: 2,
  });
}

export function rankMacros(macros: readonly MacroView[], query: string, suggestions: readonly MacroSuggestion[], index?: Fuse<MacroView>): RankedMacro[] {
  const suggestedIds = new Set(suggestions.map((s) => s.macroId));
  const trimmed = query.trim();
  if (trimmed === '') {
    const byId = new Map(macros.map((m) => [m.id, m]));
    const suggested = suggestions.map((s) => byId.get(s.macroId)).filter((m): m is MacroView => m !== undefined);
    const rest = macros.filter((m) => !suggestedIds.has(m.id)).sort(byUsage);
    return [...suggested.map((macro) => ({ macro, suggested: true })), ...rest.map((macro) => ({ macro, suggested: false }))];
  }
  const results = (index ?? createMacroIndex(macros)).search(trimmed);
  return results.map((r) => ({ macro: r.item, suggested: suggestedIds.has(r.item.id) }));
}
