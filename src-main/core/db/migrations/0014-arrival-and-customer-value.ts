import type { Migration } from './migration';

// Mail dates and customer value (docs/email.md § Dates, docs/smart-priority.md § Lifetime value).
// - `messages.sender_date`: for mail, what the sender's Date header claims (their clock; shown as a
//   detail). `created_at` is the arrival at the mail server (IMAP INTERNALDATE), which orders the
//   thread and the inbox. Mail cached before this version has the Date header in `created_at`: each
//   mailbox is read again (its cursors and connector state go), and each message read again takes
//   its arrival and its sender's date (case-writer's message upsert); cases are rebuilt from it.
// - A customer's lifetime value now counts their cached orders and is shown in their currency:
//   new orders make the customer's cases stale for smart priority, and every case is re-scored once
//   so its stored facts carry the value with its currency.
export const migration0014: Migration = {
  version: 14,
  title: 'mail arrival times and sender dates; customer value from orders',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN sender_date INTEGER;
      DELETE FROM connector_state WHERE account_id IN (SELECT id FROM accounts WHERE kind = 'email');
      DELETE FROM sync_cursors WHERE account_id IN (SELECT id FROM accounts WHERE kind = 'email');

      CREATE TRIGGER customer_context_orders_smart AFTER UPDATE OF orders_json ON customer_context
        WHEN old.orders_json IS NOT new.orders_json
      BEGIN
        UPDATE cases SET smart_stale = 1 WHERE customer_id = new.customer_id AND smart_stale = 0;
      END;
      UPDATE cases SET smart_stale = 1 WHERE smart_stale = 0;
    `);
  },
};
