import { create } from 'zustand';
import type { PresenceActivity } from '../../../src-shared/domain/presence';
import { reportActivity, reportLeave } from '../../api';

// What I am doing on the open case, as I report it to core (DESIGN §7): `viewing` while the case is
// open, `typing` while I type in its composer (reported at most every TYPING_REFRESH_MS, back to
// `viewing` TYPING_IDLE_MS after the last keystroke), `sending` while a send is being queued. Kept
// here too, so the collision warning reacts to my typing at once, without a round trip.

export const TYPING_REFRESH_MS = 3_000;
export const TYPING_IDLE_MS = 5_000;
/**
 * `viewing` goes out this long after a case opens: opening stays free of presence work (the
 * report, its echo and the refetch it causes land after the thread has painted), and flicking
 * through cases does not announce each one.
 */
export const VIEWING_REPORT_DELAY_MS = 300;

interface State {
  caseId: number | null;
  activity: PresenceActivity | null;
}

export const useMyActivity = create<State>(() => ({ caseId: null, activity: null }));

let lastTypingReport = 0;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
/** The case whose `viewing` has not been reported yet. */
let pendingViewing: { caseId: number; timer: ReturnType<typeof setTimeout> } | null = null;

function cancelPendingViewing(): void {
  if (pendingViewing) clearTimeout(pendingViewing.timer);
  pendingViewing = null;
}

function clearIdle(): void {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = null;
}

function set(caseId: number, activity: PresenceActivity): void {
  const current = useMyActivity.getState();
  if (current.caseId === caseId && current.activity === activity) return;
  cancelPendingViewing();
  useMyActivity.setState({ caseId, activity });
  reportActivity(caseId, activity);
}

/** The case pane opened a case. */
export function enterCase(caseId: number): void {
  clearIdle();
  cancelPendingViewing();
  lastTypingReport = 0;
  useMyActivity.setState({ caseId, activity: 'viewing' });
  const timer = setTimeout(() => {
    pendingViewing = null;
    const current = useMyActivity.getState();
    if (current.caseId === caseId && current.activity === 'viewing') reportActivity(caseId, 'viewing');
  }, VIEWING_REPORT_DELAY_MS);
  pendingViewing = { caseId, timer };
}

/** The case pane closed it (or opened another). */
export function leaveCase(caseId: number): void {
  if (useMyActivity.getState().caseId !== caseId) return;
  clearIdle();
  useMyActivity.setState({ caseId: null, activity: null });
  // Never announced: nothing to take back.
  if (pendingViewing?.caseId === caseId) {
    cancelPendingViewing();
    return;
  }
  reportLeave(caseId);
}

/** A keystroke in the composer of the open case. */
export function noteTyping(caseId: number): void {
  const current = useMyActivity.getState();
  if (current.caseId !== caseId || current.activity === 'sending') return;
  const now = Date.now();
  if (current.activity !== 'typing' || now - lastTypingReport >= TYPING_REFRESH_MS) {
    lastTypingReport = now;
    useMyActivity.setState({ caseId, activity: 'typing' });
    reportActivity(caseId, 'typing');
  }
  clearIdle();
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (useMyActivity.getState().caseId === caseId) set(caseId, 'viewing');
  }, TYPING_IDLE_MS);
}

/** A send of the open case's composer started. */
export function noteSending(caseId: number): void {
  if (useMyActivity.getState().caseId !== caseId) return;
  clearIdle();
  set(caseId, 'sending');
}

/** The send was queued (or failed): back to viewing, if the case is still open. */
export function noteSendDone(caseId: number): void {
  if (useMyActivity.getState().caseId !== caseId) return;
  set(caseId, 'viewing');
}
