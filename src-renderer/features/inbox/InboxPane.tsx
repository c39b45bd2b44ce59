import { memo } from 'react';
import { FilterBar } from './FilterBar';
import { InboxList } from './InboxList';
import { useInboxListKey } from './use-inbox-list-key';
import './inbox.css';

/** The middle column: filters, the count, and the list of cases. */
// Memoized: it takes no props, so a parent's re-render (opening a case) does not re-render it.
export const InboxPane = memo(function InboxPane() {
  const { key, hash, filtered } = useInboxListKey();
  return (
    <section className="inbox-pane">
      <FilterBar />
      <InboxList listKey={key} listHash={hash} filtered={filtered} />
    </section>
  );
});
