// App-menu commands that the renderer carries out (open search, switch view, open settings). They
// are not part of the core contract: main sends one over COMMAND_CHANNEL, the preload checks it and
// posts `{ type: 'shiftdesk:command', command }` to the page with window.postMessage (structured
// clone, so it crosses the context-isolation boundary intact); the renderer listens for `message`
// events whose source is its own window. A renderer that does not listen simply ignores them.

export const MENU_COMMANDS = ['search', 'go-mine', 'go-unassigned', 'go-all-open', 'settings', 'work-offline'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const COMMAND_MESSAGE_TYPE = 'shiftdesk:command';

export interface CommandMessage {
  type: typeof COMMAND_MESSAGE_TYPE;
  command: MenuCommand;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
