import type { Migration } from './migration';

// Whether an agent may still be given work: false for agents deleted or suspended on the helpdesk.
// Cases keep naming them (their assignee, message authors), so they stay in the directory; the
// assignee pickers offer only active agents. Placeholders (an agent a case named before the
// directory delivered them, never filled since) are not known to be active: they start inactive,
// and the directory sync, which runs at every start, sets everyone else's flag.
export const migration0003: Migration = {
  version: 3,
  title: 'agents: active flag',
  up(db) {
    db.exec(`
      ALTER TABLE agents ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
      UPDATE agents SET active = 0 WHERE email IS NULL AND name = 'Agent ' || remote_id;
    `);
  },
};
