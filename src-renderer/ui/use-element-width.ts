import { useLayoutEffect, useState, type RefObject } from 'react';

/** The element's content width, kept current as panes are resized. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallback);
    const observer = new ResizeObserver(([entry]) => {
      // Round to 40 px steps: frame heights need not follow every pixel of a drag.
      if (entry) setWidth(Math.round(entry.contentRect.width / 40) * 40 || fallback);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}
