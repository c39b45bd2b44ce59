import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, parseWebHostArgs } from '../../../src-main/web/cli-args';
import { defaultWebProfileDir } from '../../../src-main/web/default-profile';
import { originPolicy } from '../../../src-main/web/request-origin';
import { parseCallMessage } from '../../../src-main/web/rpc-messages';
import { contentSecurityPolicy } from '../../../src-main/web/security-headers';

// The web host's pure pieces: command line, default profile, Host/Origin policy, message shapes.

describe('web host options', () => {
  it('parses the documented command line', () => {
    expect(parseWebHostArgs([])).toEqual({
      port: 0,
      host: '127.0.0.1',
      profileDir: null,
      agentEmail: null,
      demoCases: null,
      demoSeed: null,
      demoLiveIntervalMs: null,
      demoRateLimits: 'demo',
      demoUrl: null,
      presenceUrl: null,
      secrets: 'keychain',
      rendererDir: null,
    });
    expect(
      parseWebHostArgs(['--port', '8080', '--host=0.0.0.0', '--profile', '/tmp/p', '--agent', 'a@b.example', '--demo-cases', '150', '--demo-seed', '7', '--demo-live-interval-ms', '250', '--demo-rate-limits', 'off', '--secrets', 'memory', '--renderer-dir', 'out']),
    ).toEqual({ port: 8080, host: '0.0.0.0', profileDir: '/tmp/p', agentEmail: 'a@b.example', demoCases: 150, demoSeed: 7, demoLiveIntervalMs: 250, demoRateLimits: 'off', demoUrl: null, presenceUrl: null, secrets: 'memory', rendererDir: 'out' });
    expect(parseWebHostArgs(['--demo-url', 'http://127.0.0.1:4010/']).demoUrl).toBe('http://127.0.0.1:4010');
    // A second instance: another demo agent, on the first instance's helpdesk and presence broker.
    expect(parseWebHostArgs(['--agent', 'maya.rodriguez@support.shiftdesk.example', '--demo-url', 'http://127.0.0.1:4010', '--presence-url', 'mqtt://127.0.0.1:41883'])).toMatchObject({
      agentEmail: 'maya.rodriguez@support.shiftdesk.example',
      demoUrl: 'http://127.0.0.1:4010',
      presenceUrl: 'mqtt://127.0.0.1:41883',
    });
    expect(parseWebHostArgs(['--presence-url=wss://broker.example/mqtt']).presenceUrl).toBe('wss://broker.example/mqtt');
  });

  it('refuses bad options with a message', () => {
    for (const argv of [['--port', 'x'], ['--port', '70000'], ['--demo-cases', '3'], ['--secrets', 'disk'], ['--demo-rate-limits', 'none'], ['--agent', 'nobody'], ['--profile'], ['--profile', '--port'], ['--demo-url', 'nowhere'], ['--demo-url', 'ftp://127.0.0.1:4010'], ['--presence-url', 'http://127.0.0.1:1883'], ['--presence-url', 'mqtt://ana:pw@127.0.0.1:1883'], ['--presence-url', 'nowhere'], ['--presence-url'], ['--what']]) {
      expect(() => parseWebHostArgs(argv), argv.join(' ')).toThrow(CliError);
    }
    expect(() => parseWebHostArgs(['--help'])).toThrow(/Usage: npm run web/);
    expect(() => parseWebHostArgs(['--help'])).toThrow(/--presence-url URL/);
  });

  it('keeps the default profile in the per-user data folder', () => {
    expect(defaultWebProfileDir('linux', {}, '/home/ana')).toBe(join('/home/ana', '.local', 'share', 'Shiftdesk', 'web-profile'));
    expect(defaultWebProfileDir('linux', { XDG_DATA_HOME: '/data' }, '/home/ana')).toBe(join('/data', 'Shiftdesk', 'web-profile'));
    expect(defaultWebProfileDir('darwin', {}, '/Users/ana')).toBe(join('/Users/ana', 'Library', 'Application Support', 'Shiftdesk', 'web-profile'));
    expect(defaultWebProfileDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(join('C:\\Users\\ana\\AppData\\Roaming', 'Shiftdesk', 'web-profile'));
  });

  it('answers on loopback only to loopback names, and takes only the page’s own origin', () => {
    const policy = originPolicy('127.0.0.1', 4000);
    expect(policy.allowsHost('127.0.0.1:4000')).toBe(true);
    expect(policy.allowsHost('localhost:4000')).toBe(true);
    expect(policy.allowsHost('[::1]:4000')).toBe(true);
    expect(policy.allowsHost('127.0.0.1:4001')).toBe(false);
    expect(policy.allowsHost('rebound.evil.example:4000')).toBe(false);
    expect(policy.allowsHost(undefined)).toBe(false);
    expect(policy.allowsOrigin('http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(policy.allowsOrigin('http://localhost:4000', 'localhost:4000')).toBe(true);
    expect(policy.allowsOrigin('http://localhost:4000', '127.0.0.1:4000')).toBe(false);
    expect(policy.allowsOrigin('https://127.0.0.1:4000', '127.0.0.1:4000')).toBe(false);
    expect(policy.allowsOrigin('null', '127.0.0.1:4000')).toBe(false);
    expect(policy.allowsOrigin(undefined, '127.0.0.1:4000')).toBe(false);

    const lan = originPolicy('192.168.1.20', 4000);
    expect(lan.allowsHost('192.168.1.20:4000')).toBe(true);
    expect(lan.allowsHost('127.0.0.1:4000')).toBe(false);
    const everywhere = originPolicy('0.0.0.0', 4000);
    expect(everywhere.allowsOrigin('http://wallboard.lan:4000', 'wallboard.lan:4000')).toBe(true);
    expect(everywhere.allowsOrigin('http://evil.example', 'wallboard.lan:4000')).toBe(false);
    expect(everywhere.allowsHost('x.lan:4000; script-src *')).toBe(false); // never reaches the CSP header
  });

  it('accepts only contract call messages', () => {
    expect(parseCallMessage(JSON.stringify({ type: 'call', id: 4, method: 'inbox:counts', input: {} }))).toEqual({ ok: true, call: { type: 'call', id: 4, method: 'inbox:counts', input: {} } });
    const refused = (data: string) => {
      const parsed = parseCallMessage(data);
      return parsed.ok ? null : parsed.reply;
    };
    expect(refused('{')).toMatchObject({ type: 'error', id: 0, error: { name: 'InvalidMessageError' } });
    expect(refused(JSON.stringify({ type: 'call', id: 5, method: 'toString', input: {} }))).toMatchObject({ id: 5, error: { message: expect.stringMatching(/unknown method/) } });
    expect(refused(JSON.stringify({ type: 'call', id: 6, method: '__proto__', input: {} }))).toMatchObject({ id: 6 });
    expect(refused(JSON.stringify({ type: 'result', id: 7, result: 1 }))).toMatchObject({ id: 7 });
    expect(refused(JSON.stringify({ type: 'call', id: 1.5, method: 'inbox:counts', input: {} }))).toMatchObject({ id: 0 });
    expect(refused('null')).toMatchObject({ id: 0 });
  });

  it('builds the CSP the brief asks for', () => {
    expect(contentSecurityPolicy(['ws://127.0.0.1:1'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:1; frame-src 'self' about: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});
