import { useRelativeLabel } from './use-relative-label';

/** "5 min ago" on screen, the exact date and time on hover (and `detail` below it). */
export function RelativeTime({ at, className, detail }: { at: number; className?: string; detail?: string }) {
  const label = useRelativeLabel(at);
  return (
    <time className={className} dateTime={label.iso} title={detail ? `${label.absolute}\n${detail}` : label.absolute}>
      {label.text}
    </time>
  );
}
