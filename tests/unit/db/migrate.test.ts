import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate, SchemaTooNewError, schemaVersion } from '../../../src-main/core/db/migrate';
import { MIGRATIONS } from '../../../src-main/core/db/migrations';

describe('migrations', () => {
  it('numbers migrations strictly ascending from 1 (a number reserved for a change not merged yet may be missing)', () => {
    expect(MIGRATIONS[0]!.version).toBe(1);
    MIGRATIONS.slice(1).forEach((m, index) => expect(m.version).toBeGreaterThan(MIGRATIONS[index]!.version));
  });

  it('brings a fresh database to the latest version, and is a no-op the second time', () => {
    const db = new Database(':memory:');
    const latest = MIGRATIONS.at(-1)!.version;
    expect(migrate(db)).toEqual({ from: 0, to: latest });
    expect(migrate(db)).toEqual({ from: latest, to: latest });
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'shiftdesk-')), 'profile.db');
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openDatabase({ path })).toThrow(SchemaTooNewError);
    expect(() => openDatabase({ path })).toThrow(/newer version of Shiftdesk \(schema 999/);
    const after = new Database(path);
    expect(schemaVersion(after)).toBe(999);
    expect(after.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'cases'`).pluck().get()).toBe(0);
  });

  it('opens profiles in WAL mode with foreign keys on', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'shiftdesk-')), 'profile.db');
    const db = openDatabase({ path });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
