import { useRelativeLabel } from './use-relative-label';

/** "5 min ago" on screen, the exact date and time on hover. */
export function RelativeTime({ at, className }: { at: number; className?: string }) {
  const label = useRelativeLabel(at);
  return (
    <time className={className} dateTime={label.iso} title={label.absolute}>
      {label.text}
    </time>
  );
}
