import type { ReactNode } from 'react';
import { PendingBadge } from './PendingBadge';

/** One term of the case's field list, with a "Pending" badge while its value waits in the outbox. */
export function CaseField({ label, pending, wide, children }: { label: string; pending?: boolean; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`case-field${wide ? ' case-fields-wide' : ''}`}>
      <dt>
        {label}
        {pending ? <PendingBadge /> : null}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
