import { useLayoutEffect, useState, type RefObject } from 'react';

/** The last width seen per kind of element, so the next one renders at the right size at once. */
const lastWidths = new Map<string, number>();

/**
 * The element's content width in 40 px steps, kept current as panes are resized. It starts from
 * the last width an element of the same `kind` had (message frames in the thread are all alike),
 * and never reads layout during render or commit: the ResizeObserver's first report arrives
 * after layout, and when it matches, nothing renders again.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, kind: string, fallback = 600): number {
  const [width, setWidth] = useState(() => lastWidths.get(kind) ?? fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      // Round to 40 px steps: frame heights need not follow every pixel of a drag.
      const next = entry ? Math.round(entry.contentRect.width / 40) * 40 : 0;
      if (next <= 0) return;
      lastWidths.set(kind, next);
      setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, kind]);
  return width;
}
