import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

// The main window's size and place, remembered in a small JSON file in userData. A saved place
// that no display shows any more (a monitor was unplugged) is dropped, so the window never opens
// off-screen.

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
const MIN_VISIBLE = 100;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_WINDOW_STATE;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height) || r.width < 400 || r.height < 300) return DEFAULT_WINDOW_STATE;
  return { ...(isInt(r.x) && isInt(r.y) ? { x: r.x, y: r.y } : {}), width: r.width, height: r.height, maximized: r.maximized === true };
}

export function readWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** The state, with a place only if some display's work area shows enough of it, and no larger than the largest display. */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const width = Math.min(state.width, Math.max(...workAreas.map((a) => a.width)));
  const height = Math.min(state.height, Math.max(...workAreas.map((a) => a.height)));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const { x, y } = state;
  const visible = workAreas.some((a) => {
    const overlapX = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    const overlapY = Math.min(y + height, a.y + a.height) - Math.max(y, a.y);
    return overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE;
  });
  return visible ? { ...fitted, x, y } : fitted;
}

/** Saves the window's normal (unmaximised) bounds when it moves, resizes or closes. */
export function rememberWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    try {
      writeWindowState(file, { ...bounds, maximized: window.isMaximized() });
    } catch {
      // Losing the window's place is not worth an error.
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', save);
}
