import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { basicAuthHeader, DEMO_AGENT_EMAIL } from '../../../src-main/demo';

describe('demo CLI', () => {
  it('prints exactly one DEMO_URL line and serves the API', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/demo/cli.ts', '--port', '0', '--cases', '50', '--token', 'cli-token', '--rate-limits', 'zendesk'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no DEMO_URL line; stderr: ${stderr}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const match = /^DEMO_URL=(http:\/\/127\.0\.0\.1:\d+)\n/m.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
      });
      const res = await fetch(`${url}/api/v2/users/me.json`, { headers: { Authorization: basicAuthHeader(DEMO_AGENT_EMAIL, 'cli-token') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBe('700');
      expect(stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    expect(stderr).toBe('');
  }, 20_000);
});
