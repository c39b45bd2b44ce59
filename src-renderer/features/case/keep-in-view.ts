import { useEffect, type RefObject } from 'react';

/** Where a message sits in the scrolling column, in the column's content coordinates (px). */
export interface Span {
  top: number;
  bottom: number;
}

/**
 * The scroll position that keeps `message` in view after the column's visible height changed from
 * `before` to `after` at `scrollTop`, or null to leave it be. A message that was in view (wholly or
 * in part) stays so: its end comes back into view, but never at the cost of its start. One that
 * was not in view (the agent was reading something else) is left where it is.
 */
export function scrollTopKeeping(message: Span, scrollTop: number, before: number, after: number): number | null {
  if (after >= before) return null;
  const wasInView = message.top < scrollTop + before && message.bottom > scrollTop;
  if (!wasInView) return null;
  const fitsNow = message.top >= scrollTop && message.bottom <= scrollTop + after;
  if (fitsNow) return null;
  const next = Math.min(message.top, message.bottom - after);
  return next > scrollTop ? next : null;
}

/**
 * When the column under which the composer sits gets shorter (a staged macro, a long draft, the
 * send guard), the latest customer message — the one being answered — stays in view if it was.
 */
export function useKeepLatestCustomerMessageInView(scrollRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const column = scrollRef.current;
    if (!column || typeof ResizeObserver === 'undefined') return;
    let height = column.clientHeight;
    const observer = new ResizeObserver(() => {
      const before = height;
      height = column.clientHeight;
      const messages = column.querySelectorAll<HTMLElement>('article[data-author-kind="customer"]');
      const latest = messages[messages.length - 1];
      if (!latest) return;
      const box = column.getBoundingClientRect();
      const rect = latest.getBoundingClientRect();
      const top = rect.top - box.top - column.clientTop + column.scrollTop;
      const next = scrollTopKeeping({ top, bottom: top + rect.height }, column.scrollTop, before, height);
      if (next !== null) column.scrollTop = next;
    });
    observer.observe(column);
    return () => observer.disconnect();
  }, [scrollRef]);
}
