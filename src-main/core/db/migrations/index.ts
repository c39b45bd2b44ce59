import type { Migration } from './migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-outbox-and-drafts';
import { migration0003 } from './0003-agent-active';
import { migration0004 } from './0004-presence-settings';
import { migration0005 } from './0005-draft-base';
import { migration0006 } from './0006-macros';
import { migration0007 } from './0007-sla';
import { migration0008 } from './0008-smart-priority';
import { migration0009 } from './0009-supervisor-indexes';
import { migration0010 } from './0010-mail-accounts';
import { migration0011 } from './0011-tolerant-sync';
import { migration0014 } from './0014-arrival-and-customer-value';

/** Every migration, in order. Add one file per schema version; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0014];
export type { Migration } from './migration';
