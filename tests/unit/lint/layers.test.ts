import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of DESIGN §3, proven on snippets linted as if they lived at the given paths.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'shiftdesk/layers').map((m) => m.message);
}

describe('layer rules', () => {
  it('fails closed: a source file no layer covers is an error', async () => {
    expect(await layerErrors('src-main/stray/thing.ts', 'export const x = 1;\n')).toEqual([expect.stringMatching(/no layer rule covers src-main\/stray\/thing.ts/)]);
  });

  it('keeps src-shared pure', async () => {
    expect(await layerErrors('src-shared/domain/x.ts', "import { z } from 'zod';\nimport './y';\nexport const a = z;\n")).toEqual([]);
    expect(await layerErrors('src-shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await layerErrors('src-shared/domain/x.ts', "import { a } from '../../src-main/core/db/connection';\nexport const b = a;\n")).toHaveLength(1);
  });

  it('keeps Node and core out of the renderer, and features behind their index', async () => {
    expect(await layerErrors('src-renderer/features/inbox/list.tsx', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toHaveLength(1);
    expect(await layerErrors('src-renderer/features/inbox/list.tsx', "import { a } from '../../../src-main/core/rpc/core-client';\nexport const b = a;\n")).toHaveLength(1);
    expect(await layerErrors('src-renderer/features/inbox/list.tsx', "import { a } from '../case/thread';\nexport const b = a;\n")).toEqual([expect.stringMatching(/only through their index/)]);
    expect(await layerErrors('src-renderer/features/inbox/list.tsx', "import { a } from '../case';\nimport { b } from '../case/index';\nexport const c = [a, b];\n")).toEqual([]);
  });

  it('keeps electron out of core and better-sqlite3 inside core/db', async () => {
    expect(await layerErrors('src-main/core/sync/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/core/sync/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/core/db/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toEqual([]);
  });

  it('lets shells reach core only through its RPC entry', async () => {
    expect(await layerErrors('src-main/web/host.ts', "import { CoreClient } from '../core/rpc/core-client';\nexport const a = CoreClient;\n")).toEqual([]);
    expect(await layerErrors('src-main/web/host.ts', "import { InboxService } from '../core/services/inbox-service';\nexport const a = InboxService;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/web/host.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('keeps the demo helpdesk a separate program', async () => {
    expect(await layerErrors('src-main/demo/x.ts', "import http from 'node:http';\nexport const a = http;\n")).toEqual([]);
    expect(await layerErrors('src-main/demo/x.ts', "import { a } from '../core/db/connection';\nexport const b = a;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/demo/x.ts', "import express from 'express';\nexport const a = express;\n")).toHaveLength(1);
  });

  it('lets only the demo presence broker load aedes, and keeps MQTT clients out of the demo and the renderer', async () => {
    expect(await layerErrors('src-main/demo/presence-broker.ts', "import { Aedes } from 'aedes';\nexport const a = Aedes;\n")).toEqual([]);
    expect(await layerErrors('src-main/demo/live/teammates.ts', "import { Aedes } from 'aedes';\nexport const a = Aedes;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/demo/presence-broker.ts', "import { connect } from 'mqtt';\nexport const a = connect;\n")).toHaveLength(1);
    expect(await layerErrors('src-main/core/presence/presence-client.ts', "import { connect } from 'mqtt';\nexport const a = connect;\n")).toEqual([]);
    expect(await layerErrors('src-renderer/features/case/presence.tsx', "import { connect } from 'mqtt';\nexport const a = connect;\n")).toHaveLength(1);
  });
});
