import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, posix, resolve, sep } from 'node:path';
import { contentTypeOf } from './mime-types';

// Serves the built renderer (dist/renderer): index.html at `/`, Vite's hashed assets under
// /assets/ (cached for good: their names change with their content). Only files inside the root,
// never a dotfile, GET and HEAD only.

export const MISSING_RENDERER_MESSAGE = 'The Shiftdesk renderer is not built. Run `npm run build:renderer` (`npm run web` does it first), then reload.';

/** The file a URL path names inside `root`, or null when it names nothing servable. */
export function resolveRendererPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = posix.normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(/^\/+/, '');
  const segments = relative.split('/');
  if (relative === '' || segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

export function rendererIsBuilt(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

function cacheControl(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-store';
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(`${text}\n`);
}

export function createStaticHandler(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!rendererIsBuilt(root)) return sendText(res, 503, MISSING_RENDERER_MESSAGE);
    const urlPath = new URL(req.url ?? '/', 'http://host').pathname;
    const file = resolveRendererPath(root, urlPath);
    let size: number;
    try {
      const stat = file === null ? null : statSync(file);
      if (!stat?.isFile()) return sendText(res, 404, 'Not found');
      size = stat.size;
    } catch {
      return sendText(res, 404, 'Not found');
    }
    res.writeHead(200, { 'Content-Type': contentTypeOf(file!), 'Content-Length': String(size), 'Cache-Control': cacheControl(urlPath) });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file!)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
