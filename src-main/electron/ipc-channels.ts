import type { WireError } from '../../src-shared/contract/api';

// The IPC channels between the preload and the main process, and the call reply's shape. Errors
// travel as data, not as a thrown Error: Electron would flatten the error's name into its message.

export const CALL_CHANNEL = 'shiftdesk:call';
export const EVENT_CHANNEL = 'shiftdesk:event';
/** Menu commands for the renderer (see menu-commands.ts). */
export const COMMAND_CHANNEL = 'shiftdesk:command';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: WireError };
