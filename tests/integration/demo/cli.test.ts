import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { caseKeyFor } from '../../../src-main/core/presence/topics';
import { basicAuthHeader, DEMO_AGENT_EMAIL } from '../../../src-main/demo';
import { connected, startAgent, waitFor } from '../../helpers/presence';

interface DemoChild {
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts the CLI and waits until stdout has `lines` lines. */
async function startCli(args: string[], lines: number): Promise<DemoChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/demo/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${lines} lines; stdout: ${stdout}; stderr: ${stderr}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.split('\n').length > lines) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stdout: () => stdout, stderr: () => stderr, stop };
}

describe('demo CLI', () => {
  it('prints DEMO_URL then PRESENCE_URL, serves the API and hosts the broker', async () => {
    const demo = await startCli(['--port', '0', '--cases', '50', '--token', 'cli-token', '--rate-limits', 'zendesk'], 2);
    try {
      const [demoLine, presenceLine] = demo.stdout().trim().split('\n');
      const url = /^DEMO_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(demoLine!)![1]!;
      const presenceUrl = /^PRESENCE_URL=(mqtt:\/\/127\.0\.0\.1:\d+)$/.exec(presenceLine!)![1]!;
      const res = await fetch(`${url}/api/v2/users/me.json`, { headers: { Authorization: basicAuthHeader(DEMO_AGENT_EMAIL, 'cli-token') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBe('700');
      expect(demo.stdout().trim().split('\n')).toHaveLength(2);

      // A teammate, driven over the admin route, is seen on the broker the CLI printed.
      const jordan = await startAgent(presenceUrl, DEMO_AGENT_EMAIL, null, { workspace: 'demo' });
      try {
        await connected(jordan);
        const view = await fetch(`${url}/__demo/tickets/3/teammates/type`, { method: 'POST', body: '{}' });
        const { email } = (await view.json()) as { email: string };
        await waitFor('the teammate typing', () => jordan.service.forCase(caseKeyFor(url, '3')).some((p) => p.agentId === email && p.activity === 'typing'));
      } finally {
        await jordan.service.close();
      }
    } finally {
      await demo.stop();
    }
    expect(demo.stderr()).toBe('');
  }, 30_000);

  it('takes --presence-port, gives a taken default port way, and --no-presence', async () => {
    // Hold a port, then ask for the broker on the one after the helpdesk's (the default) when taken.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const demo = await startCli(['--port', String(taken - 1), '--cases', '20'], 2);
      await demo.stop();
      expect(demo.stdout()).toMatch(new RegExp(`^DEMO_URL=http://127\\.0\\.0\\.1:${taken - 1}\nPRESENCE_URL=mqtt://127\\.0\\.0\\.1:\\d+\n$`));
      expect(demo.stdout()).not.toContain(`:${taken}\n`);
      expect(demo.stderr()).toContain(`port ${taken} is in use`);
    } catch (error) {
      // The helpdesk's own port (taken - 1) may belong to someone else on a busy machine.
      if (!String(error).includes('EADDRINUSE')) throw error;
    } finally {
      blocker.close();
    }
    const none = await startCli(['--port', '0', '--cases', '20', '--no-presence'], 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await none.stop();
    expect(none.stdout()).toMatch(/^DEMO_URL=\S+\n$/);
  }, 40_000);
});
