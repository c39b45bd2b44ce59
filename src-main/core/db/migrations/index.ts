import type { Migration } from './migration';
import { migration0001 } from './0001-initial';

/** Every migration, in order. Add one file per schema version; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
export type { Migration } from './migration';
