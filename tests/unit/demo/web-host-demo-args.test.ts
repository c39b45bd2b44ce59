import { describe, expect, it } from 'vitest';
import { CliError, parseWebHostArgs } from '../../../src-main/web/cli-args';

// The web host passes the embedded demo's export lag through (e2e tests turn it off).
describe('web host: demo pass-through options', () => {
  it('parses --demo-export-lag-ms, unset by default', () => {
    expect(parseWebHostArgs(['--demo-export-lag-ms', '0'])).toMatchObject({ demoExportLagMs: 0 });
    expect(parseWebHostArgs(['--demo-export-lag-ms=1500']).demoExportLagMs).toBe(1500);
    expect(parseWebHostArgs([]).demoExportLagMs).toBeUndefined();
    expect(() => parseWebHostArgs(['--demo-export-lag-ms', 'soon'])).toThrow(CliError);
    expect(() => parseWebHostArgs(['--demo-legacy-shapes'])).toThrow(CliError);
  });
});
