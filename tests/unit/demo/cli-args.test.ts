import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from '../../../src-main/demo/cli-args';

describe('demo CLI arguments', () => {
  it('has sensible defaults', () => {
    expect(parseCliArgs([])).toEqual({ seed: 1, cases: 5000, port: 4010, host: '127.0.0.1', rateLimits: 'demo', presence: { port: 4011, freePortIfTaken: true } });
  });

  it('parses every option', () => {
    const options = parseCliArgs(['--port', '0', '--seed=7', '--cases', '300', '--live', '--rate-limits', 'zendesk', '--token', 'T', '--host', '::1', '--anchor-time', '2026-11-20T10:00:00Z']);
    expect(options).toMatchObject({ port: 0, seed: 7, cases: 300, live: true, rateLimits: 'zendesk', token: 'T', host: '::1', anchorTime: Date.UTC(2026, 10, 20, 10) });
    expect(parseCliArgs(['--live-interval', '500']).live).toEqual({ intervalMs: 500 });
  });

  it('parses the documented-shapes options', () => {
    expect(parseCliArgs(['--export-lag-ms', '0', '--rate-limit-account', '200'])).toMatchObject({ exportLagMs: 0, rateLimitAccount: 200 });
    expect(parseCliArgs(['--no-edge-cases', '--no-deleted-tickets', '--no-via-ids'])).toMatchObject({ edgeCases: false, deletedTickets: false, viaIds: false });
    expect(parseCliArgs(['--no-deleted-groups'])).toMatchObject({ deletedGroups: false });
    expect(parseCliArgs([])).not.toHaveProperty('exportLagMs');
    expect(() => parseCliArgs(['--export-lag-ms', '-1'])).toThrow(CliError);
    expect(() => parseCliArgs(['--rate-limit-account', '0'])).toThrow(CliError);
  });

  it('runs the presence broker next to the helpdesk: on the next port, a free one with --port 0, or as told', () => {
    expect(parseCliArgs(['--port', '4020']).presence).toEqual({ port: 4021, freePortIfTaken: true });
    expect(parseCliArgs(['--port', '0']).presence).toEqual({ port: 0, freePortIfTaken: true });
    expect(parseCliArgs(['--presence-port', '1883', '--port', '0']).presence).toEqual({ port: 1883 });
    expect(parseCliArgs(['--presence-port=0']).presence).toEqual({ port: 0 });
    expect(parseCliArgs(['--no-presence']).presence).toBe(false);
    expect(() => parseCliArgs(['--no-presence', '--presence-port', '1883'])).toThrow(CliError);
    expect(() => parseCliArgs(['--presence-port', '70000'])).toThrow(CliError);
    expect(() => parseCliArgs(['--help'])).toThrow(/--presence-port N/);
  });

  it('rejects bad input', () => {
    expect(() => parseCliArgs(['--rate-limits', 'fast'])).toThrow(CliError);
    expect(() => parseCliArgs(['--cases', 'many'])).toThrow(CliError);
    expect(() => parseCliArgs(['--cases', '3'])).toThrow(CliError);
    expect(() => parseCliArgs(['--bogus'])).toThrow(CliError);
  });
});
