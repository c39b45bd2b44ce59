import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from '../../../src-main/demo/cli-args';

describe('demo CLI arguments', () => {
  it('has sensible defaults', () => {
    expect(parseCliArgs([])).toEqual({ seed: 1, cases: 5000, port: 4010, host: '127.0.0.1', rateLimits: 'demo' });
  });

  it('parses every option', () => {
    const options = parseCliArgs(['--port', '0', '--seed=7', '--cases', '300', '--live', '--rate-limits', 'zendesk', '--token', 'T', '--host', '::1', '--anchor-time', '2026-11-20T10:00:00Z']);
    expect(options).toMatchObject({ port: 0, seed: 7, cases: 300, live: true, rateLimits: 'zendesk', token: 'T', host: '::1', anchorTime: Date.UTC(2026, 10, 20, 10) });
    expect(parseCliArgs(['--live-interval', '500']).live).toEqual({ intervalMs: 500 });
  });

  it('rejects bad input', () => {
    expect(() => parseCliArgs(['--rate-limits', 'fast'])).toThrow(CliError);
    expect(() => parseCliArgs(['--cases', 'many'])).toThrow(CliError);
    expect(() => parseCliArgs(['--cases', '3'])).toThrow(CliError);
    expect(() => parseCliArgs(['--bogus'])).toThrow(CliError);
  });
});
