import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler, MISSING_RENDERER_MESSAGE, resolveRendererPath } from '../../../src-main/web/static-files';

// The renderer's static files, served in-process from a stand-in build folder.

describe('static renderer files', () => {
  let dir: string;
  let root: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-static-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(join(root, '.vite'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'inter-latin-400.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(root, '.vite', 'manifest.json'), '{}');
    const handler = createStaticHandler(root);
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps URL paths into the root and nowhere else', () => {
    expect(resolveRendererPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRendererPath(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    // `..` cannot climb above the URL root, so it stays inside the folder.
    for (const climbing of ['/../x', '/assets/../../x', '/%2e%2e/x', '/a/%2e%2e/%2e%2e/x', '/assets/..%2f..%2fx']) {
      expect(resolveRendererPath(root, climbing), climbing).toBe(join(root, 'x'));
    }
    for (const bad of ['/.vite/manifest.json', '/assets/.hidden', '/a%00b', '/a\\..\\b', '/%E0%A4%A']) {
      expect(resolveRendererPath(root, bad), bad).toBeNull();
    }
  });

  it('serves files with their types, HEAD without a body, and refuses other methods', async () => {
    const font = await fetch(`${origin}/assets/inter-latin-400.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('content-length')).toBe('4');
    const head = await fetch(`${origin}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${origin}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${origin}/.vite/manifest.json`)).status).toBe(404);
    expect((await fetch(`${origin}/assets`)).status).toBe(404); // a folder is not a file
  });

  it('tells how to build the renderer when it is missing', async () => {
    const missing = createServer(createStaticHandler(join(dir, 'not-built')));
    await new Promise<void>((resolve) => missing.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(missing.address() as AddressInfo).port}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe(`${MISSING_RENDERER_MESSAGE}\n`);
      expect(MISSING_RENDERER_MESSAGE).toContain('npm run build:renderer');
    } finally {
      await new Promise((resolve) => missing.close(resolve));
    }
  });
});
