/** A row whose page is still loading: same height, no content, hidden from assistive technology. */
export function PlaceholderRow({ top, focused }: { top: number; focused: boolean }) {
  return (
    <div className={`inbox-row is-placeholder${focused ? ' is-focused-placeholder' : ''}`} aria-hidden="true" style={{ transform: `translateY(${top}px)` }}>
      <span className="skeleton skeleton-icon" />
      <div className="row-main">
        <span className="skeleton skeleton-line" style={{ width: '45%' }} />
        <span className="skeleton skeleton-line" style={{ width: '85%' }} />
        <span className="skeleton skeleton-line" style={{ width: '30%' }} />
      </div>
    </div>
  );
}
