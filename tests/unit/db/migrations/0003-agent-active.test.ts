import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from '../../../../src-main/core/db/migrations/0001-initial';
import { migration0002 } from '../../../../src-main/core/db/migrations/0002-outbox-and-drafts';
import { migration0003 } from '../../../../src-main/core/db/migrations/0003-agent-active';

describe('migration 0003: agents\' active flag', () => {
  it('keeps every agent, active unless it is a placeholder the directory never filled', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migration0001.up(db);
    migration0002.up(db);
    db.prepare(`INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'a@x', 0)`).run();
    const agent = db.prepare('INSERT INTO agents (id, account_id, remote_id, name, email, role) VALUES (?, 1, ?, ?, ?, ?)');
    agent.run(1, '501', 'Maya Rodriguez', 'maya@x', 'admin');
    agent.run(2, '502', 'Agent 502', null, 'agent'); // a placeholder: a case named it, the directory never did
    agent.run(3, '503', 'Sam Okafor', null, 'agent'); // a real agent without an e-mail address
    db.prepare(`INSERT INTO cases (id, account_id, remote_id, assignee_id, remote_assignee_id) VALUES (1, 1, '10', 2, 2)`).run();

    migration0003.up(db);

    expect(db.prepare('SELECT id, name, active FROM agents ORDER BY id').all()).toEqual([
      { id: 1, name: 'Maya Rodriguez', active: 1 },
      { id: 2, name: 'Agent 502', active: 0 },
      { id: 3, name: 'Sam Okafor', active: 1 },
    ]);
    // Cases keep their assignee, inactive or not.
    expect(db.prepare('SELECT assignee_id FROM cases WHERE id = 1').pluck().get()).toBe(2);
    // New rows are active unless said otherwise.
    agent.run(4, '504', 'Priya Nair', 'priya@x', 'agent');
    expect(db.prepare('SELECT active FROM agents WHERE id = 4').pluck().get()).toBe(1);
    expect(() => db.prepare('UPDATE agents SET active = NULL WHERE id = 4').run()).toThrow(/NOT NULL/);
  });
});
