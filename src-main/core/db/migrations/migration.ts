import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The schema version after this migration; migrations apply in ascending order. */
  readonly version: number;
  readonly title: string;
  up(db: Database): void;
}
