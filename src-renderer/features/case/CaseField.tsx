import type { ReactNode } from 'react';
import { PendingBadge } from './PendingBadge';

/**
 * One term of the case's field list, with a "Pending" badge while its value waits in the outbox,
 * and an optional small note after the value (the helpdesk's own value when it did not map).
 */
export function CaseField({ label, pending, wide, note, children }: { label: string; pending?: boolean; wide?: boolean; note?: ReactNode; children: ReactNode }) {
  return (
    <div className={`case-field${wide ? ' case-fields-wide' : ''}`}>
      <dt>
        {label}
        {pending ? <PendingBadge /> : null}
      </dt>
      <dd className={note ? 'has-note' : undefined}>
        {children}
        {note}
      </dd>
    </div>
  );
}
