import { describe, expect, it } from 'vitest';
import { CliError, parseWebHostArgs } from '../../../src-main/web/cli-args';

// The web host passes the embedded demo's export lag and legacy shapes through (e2e tests use them).
describe('web host: demo pass-through options', () => {
  it('parses --demo-export-lag-ms and --demo-legacy-shapes, unset by default', () => {
    expect(parseWebHostArgs(['--demo-export-lag-ms', '0', '--demo-legacy-shapes'])).toMatchObject({ demoExportLagMs: 0, demoLegacyShapes: true });
    expect(parseWebHostArgs(['--demo-export-lag-ms=1500']).demoExportLagMs).toBe(1500);
    const defaults = parseWebHostArgs([]);
    expect(defaults.demoExportLagMs).toBeUndefined();
    expect(defaults.demoLegacyShapes).toBeUndefined();
    expect(() => parseWebHostArgs(['--demo-export-lag-ms', 'soon'])).toThrow(CliError);
  });
});
