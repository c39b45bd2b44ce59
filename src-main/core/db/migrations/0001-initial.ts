import type { Migration } from './migration';

// The cache: accounts, the people and things cases refer to, cases, messages, sync cursors and the
// full-text indexes. Remote ids are TEXT because connectors other than Zendesk use non-numeric ids.
export const migration0001: Migration = {
  version: 1,
  title: 'initial cache schema',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        base_url TEXT NOT NULL,
        email TEXT NOT NULL,
        me_remote_id TEXT,
        status TEXT NOT NULL DEFAULT 'new',
        last_error TEXT,
        last_synced_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (kind, base_url, email)
      );

      CREATE TABLE sync_cursors (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        stream TEXT NOT NULL,
        cursor TEXT,
        complete INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, stream)
      ) WITHOUT ROWID;

      CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (account_id, remote_id)
      );

      CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (account_id, remote_id)
      );

      CREATE TABLE agents (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        role TEXT NOT NULL,
        UNIQUE (account_id, remote_id)
      );

      -- One person across channels and accounts. Identities (below) are what merge them.
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
        locale TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE customer_identities (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        UNIQUE (kind, value)
      );
      CREATE INDEX customer_identities_customer ON customer_identities(customer_id);

      -- A remote end-user record (one per channel identity on most helpdesks) and the customer it belongs to.
      CREATE TABLE remote_users (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        name TEXT NOT NULL,
        remote_updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, remote_id)
      ) WITHOUT ROWID;
      CREATE INDEX remote_users_customer ON remote_users(customer_id);

      -- Context from the helpdesk's user fields and context providers (CRM orders).
      CREATE TABLE customer_context (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        tier TEXT,
        lifetime_value REAL,
        followers INTEGER,
        orders_json TEXT,
        orders_fetched_at INTEGER,
        updated_at INTEGER NOT NULL
      );

      -- A case. 'synced = 0' marks a placeholder created because a message arrived before its
      -- case did (the streams are independent); placeholders never show in the inbox.
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        synced INTEGER NOT NULL DEFAULT 1,
        channel TEXT NOT NULL DEFAULT 'api',
        subject TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'new',
        queue TEXT NOT NULL DEFAULT 'open',
        priority TEXT,
        priority_rank INTEGER NOT NULL DEFAULT 2,
        type TEXT,
        assignee_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
        group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,
        customer_id INTEGER REFERENCES customers(id),
        organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
        tags TEXT NOT NULL DEFAULT '',
        csat TEXT,
        remote_version TEXT,
        remote_generated_ts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0,
        last_message_at INTEGER,
        last_customer_message_at INTEGER,
        last_agent_reply_at INTEGER,
        waiting_since INTEGER,
        -- waiting_since for sorting: cases not waiting sort last (an index cannot order NULLs last)
        waiting_sort INTEGER NOT NULL DEFAULT 9007199254740991,
        thread_complete INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, remote_id)
      );
      CREATE INDEX cases_queue_created ON cases(queue, created_at) WHERE synced = 1;
      CREATE INDEX cases_queue_updated ON cases(queue, updated_at) WHERE synced = 1;
      CREATE INDEX cases_queue_waiting ON cases(queue, waiting_sort) WHERE synced = 1;
      CREATE INDEX cases_queue_priority ON cases(queue, priority_rank DESC, waiting_sort) WHERE synced = 1;
      CREATE INDEX cases_assignee ON cases(assignee_id, queue) WHERE synced = 1;
      CREATE INDEX cases_channel ON cases(channel, queue) WHERE synced = 1;
      CREATE INDEX cases_group ON cases(group_id, queue) WHERE synced = 1;
      CREATE INDEX cases_customer ON cases(customer_id, created_at);

      CREATE TABLE case_tags (
        tag TEXT NOT NULL,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        PRIMARY KEY (tag, case_id)
      ) WITHOUT ROWID;
      CREATE INDEX case_tags_case ON case_tags(case_id);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        author_kind TEXT NOT NULL,
        author_remote_id TEXT,
        author_name TEXT,
        channel TEXT NOT NULL,
        public INTEGER NOT NULL,
        body_text TEXT NOT NULL,
        body_html TEXT,
        attachments_json TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (account_id, remote_id)
      );
      CREATE INDEX messages_case ON messages(case_id, created_at);

      -- Full-text indexes (contentless: text lives in the tables above). CJK text is indexed as
      -- bigrams, see src-shared/domain/search-text.ts.
      CREATE VIRTUAL TABLE cases_fts USING fts5(subject, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE customers_fts USING fts5(name, identities, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

      -- How far messages_fts has indexed (messages.id); the indexer catches up after sync batches.
      CREATE TABLE index_state (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO index_state (name, position) VALUES ('messages_fts', 0);
    `);
  },
};
