/** True when a key press belongs to what the user is typing, not to a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return false;
}

const INTERACTIVE = 'button, a[href], input, select, textarea, summary, iframe, [role="button"], [role="link"], [role="menuitem"], [role="separator"], [contenteditable="true"]';

/** True for controls that give Enter a meaning of their own. */
export function isInteractive(element: Element | null): boolean {
  return element !== null && element.closest(INTERACTIVE) !== null;
}

/** Single-key shortcuts pause while a modal dialog is open or a modifier is held. */
export function shouldIgnoreShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return true;
  if (isTypingTarget(event.target)) return true;
  return document.querySelector('dialog[open]') !== null;
}

/** Apple keyboards say ⌘ where others say Ctrl. */
export function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}

/** The send shortcut as this keyboard labels it. */
export function sendKeysLabel(): string {
  return isApplePlatform() ? '⌘ Enter' : 'Ctrl+Enter';
}
