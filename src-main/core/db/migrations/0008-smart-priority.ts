import type { Migration } from './migration';

// Smart priority (DESIGN §8, issue 7, docs/smart-priority.md).
// - On cases: `smart_facts` (JSON SmartFacts: the triggers, sentiment and customer value found, which
//   do not depend on the weights), `smart_base` (their points under the current weights) and
//   `smart_score` (base + waiting time + SLA pressure as of the last refresh: the sort key, refreshed
//   every minute and whenever the case is re-scored). `smart_stale = 1` asks core to re-score the
//   case; every existing case starts stale.
// - Triggers mark a case stale when sync changes what the rules read: its subject, customer, latest
//   customer message (`last_customer_message_at`, maintained with the thread summary), whether it is
//   synced or solved, and its customer's tier, lifetime value or followers.
// - `smart_priority_settings`: the saved weights (one row; absent = the defaults).
export const migration0008: Migration = {
  version: 8,
  title: 'smart priority score, facts and weights',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN smart_facts TEXT;
      ALTER TABLE cases ADD COLUMN smart_base INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN smart_score INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE cases ADD COLUMN smart_stale INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX cases_queue_smart ON cases(queue, smart_score DESC, waiting_sort) WHERE synced = 1;
      CREATE INDEX cases_smart_stale ON cases(id) WHERE smart_stale = 1;

      CREATE TRIGGER cases_smart_stale AFTER UPDATE OF subject, customer_id, last_customer_message_at, synced, queue ON cases
        WHEN new.smart_stale = 0 AND (old.subject IS NOT new.subject OR old.customer_id IS NOT new.customer_id
          OR old.last_customer_message_at IS NOT new.last_customer_message_at OR old.synced IS NOT new.synced OR old.queue IS NOT new.queue)
      BEGIN
        UPDATE cases SET smart_stale = 1 WHERE id = new.id;
      END;
      CREATE TRIGGER customer_context_smart_insert AFTER INSERT ON customer_context
      BEGIN
        UPDATE cases SET smart_stale = 1 WHERE customer_id = new.customer_id AND smart_stale = 0;
      END;
      CREATE TRIGGER customer_context_smart_update AFTER UPDATE OF tier, lifetime_value, followers ON customer_context
        WHEN old.tier IS NOT new.tier OR old.lifetime_value IS NOT new.lifetime_value OR old.followers IS NOT new.followers
      BEGIN
        UPDATE cases SET smart_stale = 1 WHERE customer_id = new.customer_id AND smart_stale = 0;
      END;

      CREATE TABLE smart_priority_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        weights_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
