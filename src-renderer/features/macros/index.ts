// Macros (issue 6): the palette that applies them (to the open case's composer, or in bulk) and
// the suggestions above the composer. The macro editor lives in ./editor.
export { MacroPalette } from './MacroPalette';
export { closeMacroPalette, isMacroPaletteOpen, openMacroPalette, type PaletteTarget } from './palette-store';
export { SuggestedMacros } from './SuggestedMacros';
