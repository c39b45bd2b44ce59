import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// `<profile>/demo.json`: what it takes to bring the embedded demo helpdesk back exactly as the
// profile's demo account knows it: the same port (the account's URL) and the same dataset (seed,
// size and anchor time), and where its well-known token was kept. No secrets: the demo token is public.

const demoStateSchema = z.object({
  version: z.literal(1),
  accountId: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  seed: z.number().int().min(0),
  cases: z.number().int().min(10),
  anchorTime: z.number().int().positive(),
  agentEmail: z.string().min(3),
  /** 'memory' when the keychain was unavailable (or the host ran with --secrets memory). */
  tokenStore: z.enum(['keychain', 'memory']),
});

export type DemoState = z.infer<typeof demoStateSchema>;

export const DEMO_STATE_FILE = 'demo.json';

/** The saved demo state, or null when there is none or it is unreadable (a fresh demo is then made). */
export function readDemoState(profileDir: string): DemoState | null {
  let raw: string;
  try {
    raw = readFileSync(join(profileDir, DEMO_STATE_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = demoStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function writeDemoState(profileDir: string, state: DemoState): void {
  mkdirSync(profileDir, { recursive: true });
  const file = join(profileDir, DEMO_STATE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(demoStateSchema.parse(state), null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function clearDemoState(profileDir: string): void {
  rmSync(join(profileDir, DEMO_STATE_FILE), { force: true });
}
